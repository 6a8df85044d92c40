// Idempotent shadow-root mounting. Every overlay lives in an open shadow root under one small host element
// marked `data-zx-host`, so the host page's CSS never reaches in and ours never leaks out.
import { render, type ComponentChild } from 'preact';
import { applyOverlayStyles } from '../../components/overlay-styles';

export type Placement = 'append' | 'prepend' | 'before' | 'after';

const HOST_ATTR = 'data-zx-host';

/** Finds or creates the shadow host `key` at `anchor`; mounting twice never duplicates. */
export function ensureShadow(anchor: Element, key: string, placement: Placement = 'append'): ShadowRoot {
  const existing = findHost(anchor, key, placement);
  if (existing?.shadowRoot) return existing.shadowRoot;
  const host = newHost(anchor.ownerDocument, key, placement);
  insertHost(anchor, host, placement);
  return host.shadowRoot!;
}

/** A shadow host with our stylesheet, not yet in the page. */
function newHost(doc: Document, key: string, placement: Placement): HTMLElement {
  const host = doc.createElement(placement === 'before' || placement === 'after' ? 'div' : 'span');
  host.setAttribute(HOST_ATTR, key);
  // Inline style only on our own element: keeps it from inheriting layout from host rules like `td span {…}`.
  host.style.cssText = placement === 'before' || placement === 'after' ? 'display:block' : 'display:inline-block';
  applyOverlayStyles(host.attachShadow({ mode: 'open' }));
  return host;
}

function insertHost(anchor: Element, host: Element, placement: Placement): void {
  if (placement === 'append') anchor.appendChild(host);
  else if (placement === 'prepend') anchor.insertBefore(host, anchor.firstChild);
  else if (placement === 'before') anchor.parentNode?.insertBefore(host, anchor);
  else anchor.parentNode?.insertBefore(host, anchor.nextSibling);
}

function findHost(anchor: Element, key: string, placement: Placement): Element | null {
  const match = (el: Element | null) => (el && el.getAttribute(HOST_ATTR) === key ? el : null);
  if (placement === 'before') return match(anchor.previousElementSibling);
  if (placement === 'after') return match(anchor.nextElementSibling);
  for (const child of Array.from(anchor.children)) if (child.getAttribute(HOST_ATTR) === key) return child;
  return null;
}

/** Our container inside the shadow root `key` at `anchor`, created on first use. */
function containerOf(anchor: Element, key: string, placement: Placement): HTMLElement {
  const root = ensureShadow(anchor, key, placement);
  // Render into our own container, never into the root itself (which may hold the fallback <style>).
  // Looked up among the root's children: Chromium's `:scope` never matches on a ShadowRoot, so
  // `root.querySelector(':scope > .zx-root')` found nothing and every scan appended another copy.
  let container = Array.from(root.children).find((el) => el.classList.contains('zx-root')) as HTMLElement | undefined;
  if (!container) {
    container = root.ownerDocument.createElement('div');
    container.className = 'zx-root';
    container.style.display = 'contents';
    root.appendChild(container);
  }
  return container;
}

/** Renders a Preact tree into the shadow root `key` at `anchor` (re-rendering updates in place). */
export function mountOverlay(anchor: Element, key: string, vnode: ComponentChild, placement: Placement = 'append'): void {
  render(vnode, containerOf(anchor, key, placement));
}

/**
 * For overlays repeated on hundreds of rows: builds plain DOM (no framework) into the shadow root `key`, and
 * does nothing when `signature` equals what is already there. `build` must set text with textContent only.
 */
export function mountStatic(anchor: Element, key: string, signature: string, build: (doc: Document) => Node, placement: Placement = 'append'): void {
  if (!findHost(anchor, key, placement)) {
    // First mount (500 of them on a list page): build the whole host off the page, then insert it once.
    const doc = anchor.ownerDocument;
    const host = newHost(doc, key, placement);
    const container = doc.createElement('div');
    container.className = 'zx-root';
    container.style.display = 'contents';
    container.appendChild(build(doc));
    container.dataset.zxSignature = signature;
    host.shadowRoot!.appendChild(container);
    insertHost(anchor, host, placement);
    return;
  }
  const container = containerOf(anchor, key, placement);
  if (container.dataset.zxSignature === signature && container.firstChild) return;
  container.replaceChildren(build(anchor.ownerDocument));
  container.dataset.zxSignature = signature;
}

/** Removes the shadow host `key` at `anchor`, if there is one. */
export function removeOverlay(anchor: Element, key: string, placement: Placement = 'append'): void {
  findHost(anchor, key, placement)?.remove();
}

/** Fixed-position overlays (the status chip) hang off <body> or <html>. */
export function mountFloating(doc: Document, key: string, vnode: ComponentChild): void {
  const anchor = doc.body ?? doc.documentElement;
  mountOverlay(anchor, key, vnode, 'append');
}

export function isOurNode(node: Node): boolean {
  let el: Node | null = node;
  while (el) {
    if (el instanceof Element && el.hasAttribute(HOST_ATTR)) return true;
    el = el.parentNode ?? (el as unknown as ShadowRoot).host ?? null;
  }
  return false;
}

export function removeAllOverlays(doc: Document): void {
  doc.querySelectorAll(`[${HOST_ATTR}]`).forEach((el) => el.remove());
}

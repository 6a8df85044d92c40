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
  const doc = anchor.ownerDocument;
  const host = doc.createElement(placement === 'before' || placement === 'after' ? 'div' : 'span');
  host.setAttribute(HOST_ATTR, key);
  // Inline style only on our own element: keeps it from inheriting layout from host rules like `td span {…}`.
  host.style.cssText = placement === 'before' || placement === 'after' ? 'display:block' : 'display:inline-block';
  const root = host.attachShadow({ mode: 'open' });
  applyOverlayStyles(root);
  if (placement === 'append') anchor.appendChild(host);
  else if (placement === 'prepend') anchor.insertBefore(host, anchor.firstChild);
  else if (placement === 'before') anchor.parentNode?.insertBefore(host, anchor);
  else anchor.parentNode?.insertBefore(host, anchor.nextSibling);
  return root;
}

function findHost(anchor: Element, key: string, placement: Placement): Element | null {
  const match = (el: Element | null) => (el && el.getAttribute(HOST_ATTR) === key ? el : null);
  if (placement === 'before') return match(anchor.previousElementSibling);
  if (placement === 'after') return match(anchor.nextElementSibling);
  for (const child of Array.from(anchor.children)) if (child.getAttribute(HOST_ATTR) === key) return child;
  return null;
}

/** Renders a Preact tree into the shadow root `key` at `anchor` (re-rendering updates in place). */
export function mountOverlay(anchor: Element, key: string, vnode: ComponentChild, placement: Placement = 'append'): void {
  const root = ensureShadow(anchor, key, placement);
  // Render into our own container, never into the root itself (which may hold the fallback <style>).
  // Looked up among the root's children: Chromium's `:scope` never matches on a ShadowRoot, so
  // `root.querySelector(':scope > .zx-root')` found nothing and every scan appended another copy.
  let container: Element | null = Array.from(root.children).find((el) => el.classList.contains('zx-root')) ?? null;
  if (!container) {
    container = root.ownerDocument.createElement('div');
    container.className = 'zx-root';
    (container as HTMLElement).style.display = 'contents';
    root.appendChild(container);
  }
  render(vnode, container);
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

// The 类案 panel on the case page. Everything heavy runs in the background (the index is never loaded here): this
// feature asks for the panel's context, forwards searches / marks / report saves, and turns a saved 类案检索报告 into a
// .docx or printable HTML download. Host-derived strings reach the page only as Preact text.
import type { ComponentChild } from 'preact';
import { SimilarPanel, type SimilarContext } from '../../../components/SimilarPanel';
import { request } from '../../messaging/transport';
import type { SimilarReport } from '../../search/similar-messages';
import { caseKeyOf } from '../../store/case-key';
import type { OverlayContext } from '../context';
import { registerFeature } from '../feature';
import { mountOverlay } from '../mount';
import { BoundedMap } from '../bounded-map';

const KEY = 'similar-panel';
const MAX_PAGE_TEXT = 200_000;

/** One context request per case and page URL (scans re-run on every DOM change); only the most recent kept. */
const contexts = new BoundedMap<string, Promise<SimilarContext | string>>(10, 'similar-cases.contexts');
const resolved = new BoundedMap<string, SimilarContext>(10, 'similar-cases.resolved');

function pageTextOf(doc: Document): string {
  try {
    return (doc.body?.innerText ?? doc.body?.textContent ?? '').slice(0, MAX_PAGE_TEXT);
  } catch {
    return '';
  }
}

function loadContext(ctx: OverlayContext, caseNo: string): Promise<SimilarContext | string> {
  const key = `${caseKeyOf(caseNo)}|${ctx.url}`;
  let p = contexts.get(key);
  if (!p) {
    p = request(
      { type: 'similarContext', caseNo, profileId: ctx.profile?.id, origin: new URL(ctx.url).origin, pageText: pageTextOf(ctx.doc) },
      { timeoutMs: 60_000 }, // the first use may import the demo corpus
    ).catch((err: Error) => {
      contexts.delete(key);
      return `类案检索不可用：${err.message}`;
    });
    contexts.set(key, p);
  }
  return p;
}

export function download(doc: Document, bytes: Uint8Array | string, name: string, type: string): void {
  const blob = new Blob([bytes as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  // Chrome honours `download` (the file name) only for a connected anchor; it is removed right after the click.
  (doc.body ?? doc.documentElement).appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The background builds the file (the content script carries no document writer); we only save it. */
async function exportReport(doc: Document, report: SimilarReport, format: 'docx' | 'html'): Promise<void> {
  const file = await request({ type: 'exportSimilarReport', report, format });
  const binary = atob(file.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  download(doc, bytes, file.name, file.mime);
}

/** Mount after the case header; found again among the header's siblings so other panels never duplicate ours. */
function mount(anchor: Element, vnode: ComponentChild): void {
  const parent = anchor.parentElement;
  const existing = parent && Array.from(parent.children).some((c) => c.getAttribute('data-zx-host') === KEY);
  if (existing && parent) mountOverlay(parent, KEY, vnode, 'append');
  else mountOverlay(anchor, KEY, vnode, 'after');
}

registerFeature({
  id: 'similar-cases',
  pages: ['case-detail'],
  apply(ctx) {
    const snapshot = ctx.result?.cases[0];
    const anchor = ctx.result?.detailAnchor;
    if (!snapshot || !anchor) return;
    const caseNo = snapshot.caseNo;
    const key = `${caseKeyOf(caseNo)}|${ctx.url}`;
    const ready = resolved.get(key);
    if (ready !== undefined) return render(ctx, anchor, caseNo, ready);
    // Not awaited: the first use may import the demo corpus, and other features must not wait for it.
    mount(anchor, <div class="zx zx-panel" data-zx-panel="similar"><h3>类案检索</h3><p class="zx-muted">正在准备类案检索…</p></div>);
    void loadContext(ctx, caseNo).then((context) => {
      if (typeof context !== 'string') resolved.set(key, context);
      if (anchor.isConnected) render(ctx, anchor, caseNo, context); // the SPA may have moved on while we waited
    });
  },
});

function render(ctx: OverlayContext, anchor: Element, caseNo: string, context: SimilarContext | string): void {
  if (typeof context === 'string') {
    mount(anchor, <div class="zx zx-panel" data-zx-panel="similar"><h3>类案检索</h3><p class="zx-error">{context}</p></div>);
    return;
  }
  mount(
    anchor,
    <SimilarPanel
      key={caseKeyOf(caseNo)}
      caseNo={caseNo}
      context={context}
      onSearch={async (query) => {
        try {
          return await request({ type: 'searchSimilar', caseNo, query }, { timeoutMs: 60_000 });
        } catch (err) {
          return `检索失败：${(err as Error).message}`;
        }
      }}
      onMark={async (docId, mark) => {
        try {
          return (await request({ type: 'markSimilar', caseNo, docId, mark })).marks;
        } catch (err) {
          return `标记未保存：${(err as Error).message}`;
        }
      }}
      onSaveReport={async (form) => {
        try {
          return (await request({ type: 'saveSimilarReport', caseNo, ...form })).report;
        } catch (err) {
          return `报告未保存：${(err as Error).message}`;
        }
      }}
      onDownload={(report, format) => {
        exportReport(ctx.doc, report, format).catch((err) => console.debug('[质效助手] export failed', err));
      }}
    />,
  );
}

// 立卷归档 checklist on the 电子卷宗 page (the case-detail tab whose profile section reads the 电子卷宗目录, or a
// page of kind 'archive'). The check itself runs in the background on the stored case; flags go through the
// background (stored first, then queued for write-back to the host).
import { ArchivePanel, type ArchiveFlagRequest, type ArchivePanelState } from '../../../components/ArchivePanel';
import type { ComponentChild } from 'preact';
import type { HostProfile } from '../../host/profile';
import { request } from '../../messaging/transport';
import { caseKeyOf } from '../../store/case-key';
import type { OverlayContext } from '../context';
import { registerFeature } from '../feature';
import { mountOverlay } from '../mount';
import { BoundedMap } from '../bounded-map';

const KEY = 'archive-checklist';

/** Names of the profile sections that read the 电子卷宗目录 (documents with a volume, or named 卷宗). */
export function archiveSectionsOf(profile: HostProfile | null, pageName: string | null | undefined): string[] {
  const page = profile?.pages.find((p) => p.name === pageName) ?? null;
  const out: string[] = [];
  for (const s of page?.sections ?? []) {
    const docs = s.documents ? (Array.isArray(s.documents) ? s.documents : [s.documents]) : [];
    const hasVolume = docs.some((d) => Boolean((d.fields as Record<string, unknown>)?.volume));
    if (hasVolume || /卷宗/.test(s.name)) out.push(s.name);
  }
  return out;
}

/** Whether this page shows the 电子卷宗目录, and if it should but could not be read, why. */
export function archivePageState(ctx: Pick<OverlayContext, 'profile' | 'page' | 'result' | 'url'>): { on: boolean; reason?: string } {
  const r = ctx.result;
  if (!r || !ctx.page) return { on: false };
  const names = archiveSectionsOf(ctx.profile, r.page);
  const found = (r.sections ?? []).some((s) => names.includes(s));
  const looksLikeArchive = ctx.page.kind === 'archive' || /\/archive\/?(?:[?#]|$)/.test(safePath(ctx.url));
  if (!found && !looksLikeArchive) return { on: false };
  if (!found) {
    return { on: true, reason: names.length
      ? '本页应为电子卷宗目录，但站点配置中的目录区域（“' + names.join('、') + '”）在页面上未找到：页面结构可能已变化，请联系管理员更新站点配置。'
      : '站点配置没有读取电子卷宗目录的区域，无法核对归档材料。' };
  }
  if (r.cases.length === 0) {
    const why = [...r.errors, ...r.missing.map((m) => `未找到 ${m}`)].slice(0, 5).join('；');
    return { on: true, reason: `本页的案件信息未能完整读取${why ? `（${why}）` : ''}，无法核对归档材料。` };
  }
  return { on: true };
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}

interface CaseState {
  /** what the last fetch was for (case + 目录 signature + list) */
  signature: string;
  listId: string | null;
  panel: ArchivePanelState;
  inFlight: boolean;
  pollsLeft: number;
}

const states = new BoundedMap<string, CaseState>(8, 'archive-checklist.states'); // per case (each holds its check reply, ~10 KB), the most recent only

function documentsSignature(ctx: OverlayContext): string {
  const docs = ctx.result?.cases[0]?.documents ?? [];
  return docs.map((d) => `${d.volume ?? ''}:${d.title}`).join('|');
}

/** Mount after the case header; found again among the header's siblings, so other panels mounted after the same
 * header never make us mount twice. */
function mountAfter(anchor: Element, vnode: ComponentChild): void {
  const parent = anchor.parentElement;
  if (parent && Array.from(parent.children).some((c) => c.getAttribute('data-zx-host') === KEY)) mountOverlay(parent, KEY, vnode, 'append');
  else mountOverlay(anchor, KEY, vnode, 'after');
}

function render(ctx: OverlayContext, anchor: Element, caseNo: string | null, st: CaseState | null, panel: ArchivePanelState, by?: string) {
  mountAfter(anchor,
    <ArchivePanel
      caseNo={caseNo}
      state={panel}
      listId={st?.listId ?? null}
      defaultBy={by}
      onRefresh={caseNo ? () => { if (st) st.signature = ''; ctx.refresh(); } : undefined}
      onChooseList={caseNo && st ? (listId) => { st.listId = listId; st.signature = ''; ctx.refresh(); } : undefined}
      onFlag={caseNo && st ? (req) => submitFlag(ctx, caseNo, st, req) : undefined}
    />);
}

async function submitFlag(ctx: OverlayContext, caseNo: string, st: CaseState, req: ArchiveFlagRequest): Promise<string | null> {
  try {
    const clientId = typeof crypto !== 'undefined' && 'randomUUID' in crypto
      ? crypto.randomUUID()
      : `f-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    await request({
      type: 'submitFlag',
      flag: { clientId, caseNo, item: req.item, flag: req.flag, reason: req.reason, by: req.by, at: new Date().toISOString() },
    });
  } catch (err) {
    return `保存失败：${(err as Error).message}`;
  }
  st.signature = '';
  st.pollsLeft = 6;
  ctx.refresh();
  return null;
}

async function load(ctx: OverlayContext, caseNo: string, st: CaseState, anchor: Element, by?: string): Promise<void> {
  st.inFlight = true;
  try {
    const reply = await request({ type: 'getArchiveCheck', caseNo, ...(st.listId ? { listId: st.listId } : {}) });
    st.panel = { kind: 'ready', reply };
    // Flags waiting for write-back: look again a few times so "未同步" turns into "已同步" without a reload.
    if (reply.flags.some((f) => f.syncState !== 'synced') && st.pollsLeft > 0) {
      st.pollsLeft -= 1;
      setTimeout(() => { st.signature = ''; ctx.refresh(); }, 2000);
    }
  } catch (err) {
    st.panel = { kind: 'error', message: (err as Error).message };
  } finally {
    st.inFlight = false;
  }
  if (anchor.isConnected) render(ctx, anchor, caseNo, st, st.panel, by);
}

registerFeature({
  id: KEY,
  pages: ['case-detail', 'archive'],
  apply(ctx) {
    const page = archivePageState(ctx);
    if (!page.on) return;
    const anchor = ctx.result?.detailAnchor ?? ctx.doc.body;
    if (!anchor) return;
    if (page.reason) {
      render(ctx, anchor, ctx.result?.cases[0]?.caseNo ?? null, null, { kind: 'unreadable', reason: page.reason });
      return;
    }
    const snapshot = ctx.result!.cases[0];
    const key = caseKeyOf(snapshot.caseNo);
    let st = states.get(key);
    if (!st) {
      st = { signature: '', listId: null, panel: { kind: 'loading' }, inFlight: false, pollsLeft: 0 };
      states.set(key, st);
    }
    const signature = `${key}#${documentsSignature(ctx)}#${st.listId ?? ''}`;
    const by = snapshot.clerk;
    if (st.signature !== signature && !st.inFlight) {
      st.signature = signature;
      void load(ctx, snapshot.caseNo, st, anchor, by);
    }
    render(ctx, anchor, snapshot.caseNo, st, st.panel, by);
  },
});

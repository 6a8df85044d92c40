// 四类案件 and 阅核 on host pages (domain.md §8–§9):
// - host-user: reports the logged-in user the page shows (PageResult.user) to the background, which records it
//   per tab and uses it as the only source of the signer's identity;
// - supervision: the panel on the case page (prompt, marks, 阅核 requirement, sign-offs, inline sign-off form on
//   the 文书 tab, 监管日志 export);
// - review-mine: a "待我阅核" badge on every 待阅核 list row.
// Everything goes through the background; nothing here throws into the page.
import { SupervisionPanel, type MarkRequest, type SupervisionPanelState } from '../../../components/SupervisionPanel';
import type { SignoffRequest } from '../../../components/SignoffForm';
import { chinaToday, diffDays, isValidIsoDate } from '../../domain/dates';
import type { CaseSnapshot } from '../../domain/case';
import { request } from '../../messaging/transport';
import type { SupervisionReply } from '../../messaging/supervision-messages';
import { caseKeyOf } from '../../store/case-key';
import type { OverlayContext } from '../context';
import { registerFeature } from '../feature';
import { mountOverlay } from '../mount';
import { BoundedMap } from '../bounded-map';

const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));

// ── host-user ───────────────────────────────────────────────────────────────────────────────────

let reportedUser = '';
let reporting = '';

function reportUser(ctx: OverlayContext): void {
  const u = ctx.result?.user;
  if (!u?.name) return;
  const sig = JSON.stringify([u.name, u.role ?? '', u.division ?? '']);
  if (sig === reportedUser || sig === reporting) return;
  reporting = sig;
  // Not awaited: the scan would stay busy until the background answers, and a list the host renders meanwhile would
  // wait behind it (the browser lays the rows out first — the slow loads of the overlay benchmark).
  void request({ type: 'reportUser', url: ctx.url, user: { name: u.name, ...(u.role ? { role: u.role } : {}), ...(u.division ? { division: u.division } : {}) } })
    .then(() => { reportedUser = sig; }, () => { /* reported again on the next scan */ })
    .finally(() => { if (reporting === sig) reporting = ''; });
}

registerFeature({ id: 'host-user', pages: ['*'], apply: reportUser });

// ── case page panel ─────────────────────────────────────────────────────────────────────────────

const KEY = 'supervision';
const JUDGMENT = /(判决书|裁定书)/;

interface CaseState {
  signature: string;
  panel: SupervisionPanelState;
  inFlight: boolean;
  pollsLeft: number;
}
const states = new BoundedMap<string, CaseState>(8, 'supervision.states'); // per case, the most recent only

/** The page shows a draft 判决书 / 裁定书 (the 文书 tab): where the inline sign-off form belongs. */
export function showsDraftJudgment(s: CaseSnapshot): boolean {
  const writs = s.writs ?? (s.documents ?? []).filter((d) => d.status && !d.volume);
  return writs.some((w) => w.status === 'draft' && JUDGMENT.test(w.title));
}

function newId(prefix: string): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? `${prefix}-${crypto.randomUUID()}`
    : `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

function replyOf(st: CaseState): SupervisionReply | null {
  return st.panel.kind === 'ready' ? st.panel.reply : null;
}

function render(ctx: OverlayContext, anchor: Element, caseNo: string, st: CaseState, judgmentPage: boolean): void {
  const reload = () => {
    st.signature = '';
    ctx.refresh();
  };
  mountOverlay(
    anchor,
    KEY,
    <SupervisionPanel
      state={st.panel}
      judgmentPage={judgmentPage}
      onAck={async (promptId) => {
        try {
          await request({ type: 'ackPrompt', caseNo, promptId });
        } catch (e) {
          return `记录失败：${errText(e)}`;
        }
        reload();
        return null;
      }}
      onMark={async (m: MarkRequest) => {
        const viewer = replyOf(st)?.viewer;
        if (!viewer) return '未能从办案系统页面确认当前登录用户';
        try {
          await request({
            type: 'markCase',
            mark: {
              clientId: newId('m'), caseNo, category: m.category, ...(m.subSituation ? { subSituation: m.subSituation } : {}),
              reason: m.reason, by: viewer.name, role: viewer.role || '未知职务', at: new Date().toISOString(), action: m.action,
            },
          });
        } catch (e) {
          return `未保存：${errText(e)}`;
        }
        reload();
        return null;
      }}
      onSignoff={async (s: SignoffRequest) => {
        const cur = replyOf(st);
        if (!cur?.viewer || !cur.draft) return '未能确认阅核人或待阅核文书';
        try {
          await request({
            type: 'submitSignoff',
            signoff: {
              clientId: s.clientId, caseNo, documentRef: cur.draft.ref, triggers: cur.review.triggers,
              reviewer: cur.viewer.name, reviewerRole: cur.canSign.role ?? cur.viewer.role ?? '', reviewedAt: new Date().toISOString(),
              decision: s.decision, ...(s.opinion ? { opinion: s.opinion } : {}), recommendedRoute: s.recommendedRoute,
            },
          });
        } catch (e) {
          return `未保存：${errText(e)}`;
        }
        st.pollsLeft = 8;
        reload();
        return null;
      }}
      onExport={async (format) => {
        try {
          const ex = await request({ type: 'exportSupervisionLog', caseNo, download: format });
          const what = `已导出 ${ex.count} 条记录（${ex.saved ?? ''}）`;
          return ex.chainOk ? `${what}；完整性校验通过` : `${what}；完整性校验未通过：${ex.problems.join('；')}`;
        } catch (e) {
          return `导出失败：${errText(e)}`;
        }
      }}
      onRetry={async () => {
        try {
          const res = await request({ type: 'retryOutbox' });
          reload();
          return `已尝试 ${res.attempted} 条，成功 ${res.synced} 条${res.retrying ? `，${res.retrying} 条仍未同步` : ''}`;
        } catch (e) {
          return `重试失败：${errText(e)}`;
        }
      }}
    />,
    'after',
  );
}

async function load(ctx: OverlayContext, caseNo: string, st: CaseState, anchor: Element, judgmentPage: boolean): Promise<void> {
  st.inFlight = true;
  try {
    const reply = await request({ type: 'getSupervision', caseNo });
    st.panel = { kind: 'ready', reply };
    // Not yet identified (the banner frame reports the user a moment later) or a write-back still queued:
    // look again a few times.
    const waiting = !reply.viewer || reply.signoffs.some((s) => s.sync === 'queued');
    if (waiting && st.pollsLeft > 0) {
      st.pollsLeft -= 1;
      setTimeout(() => {
        st.signature = '';
        ctx.refresh();
      }, 1500);
    }
  } catch (e) {
    st.panel = { kind: 'error', message: errText(e) };
  } finally {
    st.inFlight = false;
  }
  if (anchor.isConnected) render(ctx, anchor, caseNo, st, judgmentPage);
}

registerFeature({
  id: KEY,
  pages: ['case-detail'],
  apply(ctx) {
    const snapshot = ctx.result?.cases[0];
    if (!snapshot) return;
    const anchor = ctx.result?.detailAnchor ?? ctx.doc.body;
    if (!anchor) return;
    const key = caseKeyOf(snapshot.caseNo);
    let st = states.get(key);
    if (!st) {
      st = { signature: '', panel: { kind: 'loading' }, inFlight: false, pollsLeft: 4 };
      states.set(key, st);
    }
    const judgmentPage = showsDraftJudgment(snapshot);
    const writs = (snapshot.writs ?? []).map((w) => `${w.ref ?? w.title}:${w.status ?? ''}`).join('|');
    const signature = `${key}#${ctx.url}#${writs}#${reportedUser}`;
    if (st.signature !== signature && !st.inFlight) {
      st.signature = signature;
      void load(ctx, snapshot.caseNo, st, anchor, judgmentPage);
    }
    render(ctx, anchor, snapshot.caseNo, st, judgmentPage);
  },
});

// ── 待阅核 list ─────────────────────────────────────────────────────────────────────────────────

let queueSig = '';
let queue: Map<string, { decision: string; sync: string } | null> = new Map();

function ageText(submittedOn: string | undefined, today: string): string {
  if (!submittedOn || !isValidIsoDate(submittedOn)) return '';
  const d = diffDays(submittedOn, today);
  return d > 0 ? ` · 已等 ${d} 天` : ' · 今日提交';
}

registerFeature({
  id: 'review-mine',
  pages: ['review-list'],
  async apply(ctx) {
    const r = ctx.result;
    if (!r || !r.rowAnchors) return;
    const items = r.cases.map((c) => ({ caseNo: c.caseNo, ...(c.review?.documentRef ? { documentRef: c.review.documentRef } : {}) }));
    const sig = JSON.stringify([items, reportedUser]);
    if (sig !== queueSig) {
      try {
        const reply = await request({ type: 'reviewQueue', items });
        queue = new Map(reply.items.map((i) => [caseKeyOf(i.caseNo), i.signed]));
        queueSig = sig;
      } catch {
        queue = new Map();
      }
    }
    const today = chinaToday(new Date());
    r.cases.forEach((c, i) => {
      const anchor = r.rowAnchors?.[i];
      if (!anchor) return;
      const signed = queue.get(caseKeyOf(c.caseNo)) ?? null;
      const title = `阅核事由：${(c.review?.triggers ?? []).join('、') || '—'}${c.review?.documentTitle ? `；文书：${c.review.documentTitle}` : ''}`;
      mountOverlay(
        anchor,
        'review-mine',
        <span class="zx">
          {signed
            ? <span class="zx-badge zx-level-ok" data-zx="review-signed" title={title}>已阅核（{signed.decision}{signed.sync === 'synced' ? '' : '，未同步'}）</span>
            : <span class="zx-badge zx-level-urgent" data-zx="review-mine" title={title}>待我阅核{ageText(c.review?.submittedOn, today)}</span>}
        </span>,
        'append',
      );
    });
  },
});

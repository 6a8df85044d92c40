// Frozen copies of the `zhixiao` database as earlier versions shipped it (store specs and row shapes), and a
// builder that fills them with realistic records: cases of the demo court's seed generator (tests/host/seed.ts),
// their events / parties / documents, 阅核 sign-offs, 四类 marks, clerk flags, an audit log that is a real hash
// chain (utils/domain/audit.ts), outbox entries (v2+) and settings. v3 keeps the 文书 tab in its own `writs` table
// and the clerk on the case; its sections are still one row per item. v4 holds the same logical rows, packed on disk
// as one row per case and section ({ id: caseKey, caseKey, items }); v5 merges those into one `sections` row per case.
//
// Never import the current store code here: these are the shapes an old browser has on disk.
import Dexie from 'dexie';
import { appendRecord, type AuditRecord } from '../../../utils/domain/audit';
import type { CaseSnapshot } from '../../../utils/domain/case';
import { toSnapshot } from '../../host/model';
import { generateCases } from '../../host/seed';

export const V1_STORES = {
  cases: 'caseKey, judge, division, status, category, filedOn, closedOn',
  events: 'id, caseKey',
  parties: 'id, caseKey, name',
  documents: 'id, caseKey',
  signoffs: '++id, &clientId, caseKey, synced',
  marks: '++id, caseKey, at',
  flags: '++id, &clientId, caseKey',
  audit: '++seq, caseKey, type',
  settings: 'key',
};

export const V2_STORES = {
  ...V1_STORES,
  cases: 'caseKey, judge, division, status, category, filedOn, closedOn, lastSeenAt',
  signoffs: '++id, &clientId, caseKey, syncState, reviewedAt',
  marks: '++id, &clientId, caseKey, at',
  flags: '++id, &clientId, caseKey, syncState',
  audit: '++seq, caseKey, type, hash',
  outbox: 'id, kind, nextAttemptAt',
};

export const V3_STORES = {
  ...V2_STORES,
  writs: 'id, caseKey',
};

/** v4: the four section tables keyed by caseKey (one packed row per case and section) */
export const V4_STORES = {
  ...V3_STORES,
  events: 'id',
  parties: 'id',
  documents: 'id',
  writs: 'id',
};

/** v5: the four section tables merged into one `sections` row per case ({ id: caseKey, caseKey, events?, … }) */
export const V5_STORES = {
  ...V4_STORES,
  sections: 'id',
  events: null,
  parties: null,
  documents: null,
  writs: null,
};

export type OldVersion = 1 | 2 | 3 | 4 | 5;

export const OLD_TABLES: Record<OldVersion, string[]> = {
  1: ['cases', 'events', 'parties', 'documents', 'signoffs', 'marks', 'flags', 'audit', 'settings'],
  2: ['cases', 'events', 'parties', 'documents', 'signoffs', 'marks', 'flags', 'audit', 'settings', 'outbox'],
  3: ['cases', 'events', 'parties', 'documents', 'writs', 'signoffs', 'marks', 'flags', 'audit', 'settings', 'outbox'],
  4: ['cases', 'events', 'parties', 'documents', 'writs', 'signoffs', 'marks', 'flags', 'audit', 'settings', 'outbox'],
  5: ['cases', 'events', 'parties', 'documents', 'writs', 'signoffs', 'marks', 'flags', 'audit', 'settings', 'outbox'],
};
const SECTION_TABLES = ['events', 'parties', 'documents', 'writs'];

type Row = Record<string, unknown>;
export type OldData = Record<string, Row[]>;

// v1/v2 key normalisation and child identities (frozen; the same rules the current store still uses)
const keyOf = (caseNo: string) =>
  caseNo.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[（〔[［]/g, '(').replace(/[）〕\]］]/g, ')').replace(/[\s\u00A0\u3000\u200B\uFEFF]+/g, '');
function eventIdentity(e: Row): string {
  switch (e.kind) {
    case 'extension': return `extension|${e.on}`;
    case 'deduction': return `deduction|${e.from}|${e.reason}`;
    case 'suspension': return `suspension|${e.from}`;
    case 'conversion': return `conversion|${e.on}|${e.to}`;
    case 'restart': return `restart|${e.on}|${e.reason}`;
    default: return `hearing|${e.on}`;
  }
}
const IDENTITY: Record<string, (r: Row) => string> = {
  events: eventIdentity,
  parties: (p) => `${p.role}|${p.name}`,
  documents: (d) => (d.ref ? `ref|${d.ref}` : `doc|${d.title}|${d.date ?? ''}|${d.party ?? ''}|${d.volume ?? ''}`),
  writs: (w) => (w.ref ? `ref|${w.ref}` : `writ|${w.title}|${w.date ?? ''}`),
};

const SEEN0 = Date.UTC(2025, 2, 1, 1);
const DAY = 86_400_000;

/** Seed-generator cases as the old ingest would have stored them (a fixed slice, so the data is stable). */
export function seededSnapshots(count = 60): CaseSnapshot[] {
  const cases = generateCases({ seed: 20250101, count: 3200, today: '2025-06-30' });
  // mixed: archived / closed / pending, every category; a third are pending cases with a draft judgment
  const drafts = cases.filter((c) => c.documents.some((d) => d.status === 'draft')).slice(0, Math.floor(count / 3));
  const pending = cases.filter((c) => c.status === 'pending' && !drafts.includes(c)).slice(0, Math.floor(count / 3));
  const rest = cases.filter((c) => !drafts.includes(c) && !pending.includes(c)).slice(0, count - drafts.length - pending.length);
  const picked = [...drafts, ...pending, ...rest];
  // interleaved, so that the every-n-th rules below hit all kinds
  const out = [];
  for (let i = 0; out.length < picked.length; i++) for (const list of [rest, pending, drafts]) if (list[i]) out.push(list[i]);
  return out.map((c) => toSnapshot(c, 'http://127.0.0.1:5321'));
}

/**
 * The same cases with items a host really shows more than once (a hearing record repeated on one day, two 传票 of the
 * same date without a number) on every fifth case, so stored ids with `#2`, `#3` occur.
 */
export function withRepeats(snaps: CaseSnapshot[]): CaseSnapshot[] {
  return snaps.map((s, i) => {
    if (i % 5 !== 2) return s;
    const on = s.filedOn ?? '2025-01-15';
    const hearing = { kind: 'hearing' as const, on };
    const summons = { title: '传票', date: on, status: 'issued' as const };
    return {
      ...s,
      events: [...(s.events ?? []), hearing, hearing],
      documents: [...(s.documents ?? []), summons, summons],
      writs: [...(s.writs ?? []), summons, summons],
    };
  });
}

const chinaTime = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00');

/**
 * The rows an old version holds after browsing `snaps`: every third case saw a page that dropped its last event
 * and its last 电子卷宗 item (v1 `present: false`, v2+ `goneSince`; v3 also its last 文书), sign-offs on cases with a
 * draft 文书, marks, flags, a hash-chained audit log of every supervisory act, outbox entries for unsynced
 * write-backs (v2+). v1/v2 keep the 文书 among the documents; v3 keeps them in `writs` and the 电子卷宗 alone in
 * `documents`.
 */
export function buildOldData(version: OldVersion, snaps: CaseSnapshot[], origin = 'http://127.0.0.1:5321'): OldData {
  const out: OldData = { cases: [], events: [], parties: [], documents: [], signoffs: [], marks: [], flags: [], audit: [], settings: [] };
  if (version >= 2) out.outbox = [];
  if (version >= 3) out.writs = [];
  let tail: AuditRecord | null = null;
  const audit = (type: string, caseKey: string, actor: string, at: string, payload: unknown) => {
    tail = appendRecord(tail, { type, caseKey, actor, at, payload });
    const { seq: _seq, ...row } = tail;
    out.audit.push(row);
  };
  let markId = 0;
  snaps.forEach((s, i) => {
    const caseKey = keyOf(s.caseNo);
    const firstSeenAt = SEEN0 + i * 3600_000;
    const lastSeenAt = firstSeenAt + (i % 5) * DAY;
    const { parties, events, documents, writs, clerk, review: _review, ...scalars } = s;
    const dropSome = i % 3 === 0;
    const sections: Record<string, Row[]> = version >= 3
      ? { parties: (parties ?? []) as Row[], events: (events ?? []) as Row[], documents: (documents ?? []).filter((d) => d.volume !== undefined) as Row[], writs: (writs ?? []) as Row[] }
      : { parties: (parties ?? []) as Row[], events: (events ?? []) as Row[], documents: (documents ?? []) as Row[] };
    const seen: string[] = [];
    for (const [section, items] of Object.entries(sections)) {
      if ((section === 'documents' || section === 'writs') && i % 7 === 6) continue; // the 文书 / 卷宗 tabs of this case were never opened
      seen.push(section);
      const count = new Map<string, number>();
      items.forEach((item, order) => {
        const base = IDENTITY[section](item);
        const n = (count.get(base) ?? 0) + 1;
        count.set(base, n);
        const id = `${caseKey}|${n === 1 ? base : `${base}#${n}`}`;
        const isLastVolumeItem = section === 'documents' ? item.volume !== undefined && order === items.map((d) => d.volume !== undefined).lastIndexOf(true) : order === items.length - 1;
        const gone = dropSome && section !== 'parties' && isLastVolumeItem; // (writs: v3 only)
        const row: Row = { ...item, id, caseKey, order, firstSeenAt };
        if (version === 1) row.present = !gone;
        else if (gone) row.goneSince = lastSeenAt;
        out[section].push(row);
      });
    }
    const caseRow: Row = { ...scalars, ...(version >= 3 && clerk ? { clerk } : {}), caseKey, firstSeenAt, lastSeenAt };
    if (version === 1) {
      if (i % 4 !== 3) caseRow.source = i % 2 ? 'demo-classic' : 'demo-modern';
    } else {
      caseRow.sources = [i % 2 ? 'demo-classic/case-detail' : 'demo-modern/case-detail', ...(i % 5 === 0 ? ['demo-modern/case-list'] : [])];
      caseRow.sectionsSeen = seen;
    }
    out.cases.push(caseRow);

    // 四类 marks (and an un-mark) on every fourth case; an automatic hit on every sixth
    if (i % 4 === 1) {
      const at = chinaTime(lastSeenAt - 2 * DAY);
      const m: Row = { caseKey, caseNo: s.caseNo, category: 1 + (i % 4), subSituation: '对事实认定或者法律适用存在较大争议', reason: `合议庭意见分歧（第${i}号样本）`, by: '林国栋', role: '庭长', at, action: 'mark' };
      if (version >= 2) m.clientId = `mk-${String(s.hostRef)}`;
      out.marks.push(m);
      markId++;
      audit('mark', caseKey, '林国栋（庭长）', at, { category: m.category, subSituation: m.subSituation, reason: m.reason });
      if (i % 8 === 1) {
        const at2 = chinaTime(lastSeenAt - DAY);
        const u: Row = { caseKey, caseNo: s.caseNo, category: m.category, reason: '分歧已在专业法官会议解决', by: '林国栋', role: '庭长', at: at2, action: 'unmark' };
        if (version >= 2) u.clientId = `mk-${String(s.hostRef)}-u`;
        out.marks.push(u);
        markId++;
        audit('unmark', caseKey, '林国栋（庭长）', at2, { category: u.category, reason: u.reason });
      }
    }
    if (version >= 2 && i % 6 === 2) {
      const at = chinaTime(firstSeenAt);
      out.marks.push({ clientId: `auto:${caseKey}:many-parties`, caseKey, caseNo: s.caseNo, category: 1, subSituation: '涉及群体性纠纷', reason: `当事人 ${parties?.length ?? 0} 人`, by: '系统', role: '系统', at, action: 'auto-hit' });
      markId++;
      audit('auto-hit', caseKey, '系统', at, { ruleId: 'many-parties', category: 1 });
    }

    // 阅核 sign-offs on cases with a draft judgment
    const draft = (documents ?? []).find((d) => d.status === 'draft' && !d.volume);
    if (draft) {
      const objection = i % 2 === 0;
      const clientId = `so-${version}-${String(s.hostRef)}`;
      const at = chinaTime(lastSeenAt + 3600_000);
      const synced = i % 3 !== 0;
      const so: Row = {
        clientId, caseKey, caseNo: s.caseNo, documentRef: draft.ref ?? draft.title, triggers: objection ? ['本庭裁判文书', '四类案件'] : ['本庭裁判文书'],
        reviewer: '林国栋', reviewerRole: '庭长', reviewedAt: at, decision: objection ? '有意见' : '同意',
        ...(objection ? { opinion: '本院认为部分对证据采信的说理不足，请补充。', recommendedRoute: '专业法官会议' } : { recommendedRoute: null }),
      };
      if (version === 1) so.synced = synced;
      else Object.assign(so, { syncState: synced ? 'synced' : 'failed', attempts: synced ? 1 : 3, ...(synced ? {} : { lastError: '办案系统返回 HTTP 503：服务暂不可用' }) });
      out.signoffs.push(so);
      audit('signoff', caseKey, '林国栋（庭长）', at, { clientId, documentRef: so.documentRef, decision: so.decision, recommendedRoute: so.recommendedRoute });
      if (version >= 2 && !synced) {
        const { caseKey: _k, syncState: _s, attempts: _a, lastError: _e, ...payload } = so;
        out.outbox!.push({
          id: `signoff:${clientId}`, kind: 'signoff', refId: clientId, endpoint: `${origin}/api/cases/${String(s.hostRef)}/signoffs`,
          payload: { zxWriteBack: 1, method: 'POST', body: 'json', data: payload }, attempts: 3, nextAttemptAt: lastSeenAt + 7 * 60_000,
          lastError: '办案系统返回 HTTP 503：服务暂不可用', createdAt: lastSeenAt + 3600_000,
        });
      }
    }

    // clerk archive flags on closed cases
    if (s.status !== 'pending' && i % 2 === 0) {
      const clientId = `fl-${version}-${String(s.hostRef)}`;
      const fl: Row = { clientId, caseKey, caseNo: s.caseNo, item: '送达回证', flag: i % 4 === 0 ? '缺失' : '待补扫', reason: '纸质回证未扫描入卷', by: '许诺', at: chinaTime(lastSeenAt) };
      if (version === 1) fl.synced = false;
      else {
        Object.assign(fl, { syncState: 'pending', attempts: 0 });
        out.outbox!.push({ id: `flag:${clientId}`, kind: 'flag', refId: clientId, endpoint: `${origin}/api/cases/${String(s.hostRef)}/flags`, payload: { clientId, caseNo: s.caseNo, item: fl.item, flag: fl.flag, reason: fl.reason, by: fl.by, at: fl.at }, attempts: 0, nextAttemptAt: lastSeenAt, createdAt: lastSeenAt });
      }
      out.flags.push(fl);
    }
  });
  void markId;
  out.settings.push(
    { key: 'thresholds', value: { notice: 30, warning: 15, urgent: 5 } },
    { key: 'profiles.enabled', value: ['demo-classic', 'demo-modern'] },
    { key: 'notify.lastRun', value: '2025-06-29' },
  );
  return out;
}

/** v4's on-disk form of a section's logical rows: one `{ id: caseKey, caseKey, items }` per case, items in input order. */
export function packV4(rows: Row[]): Row[] {
  const byCase = new Map<string, Row[]>();
  for (const r of rows) {
    const k = String(r.caseKey);
    if (!byCase.has(k)) byCase.set(k, []);
    byCase.get(k)!.push(r);
  }
  return [...byCase].map(([caseKey, items]) => ({ id: caseKey, caseKey, items }));
}

/** v5's on-disk form of the logical section rows: one `{ id: caseKey, caseKey, events?, … }` per case, items in id order. */
export function packV5(data: OldData): Row[] {
  const byCase = new Map<string, Row>();
  for (const section of SECTION_TABLES) {
    for (const p of packV4([...(data[section] ?? [])].sort(byId))) {
      const k = String(p.caseKey);
      if (!byCase.has(k)) byCase.set(k, { id: k, caseKey: k });
      byCase.get(k)![section] = p.items;
    }
  }
  return [...byCase.values()].sort(byId);
}

const byId = (a: Row, b: Row) => (String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0);

/**
 * Creates a database exactly as `version` left it on disk (its own store spec, rows in insertion order; v4 packs the
 * logical section rows of `data` per case and section, v5 per case, items in id order as the upgrades left them).
 */
export async function createOldDb(name: string, version: OldVersion, data: OldData): Promise<void> {
  const old = new Dexie(name);
  old.version(1).stores(V1_STORES);
  if (version >= 2) old.version(2).stores(V2_STORES);
  if (version >= 3) old.version(3).stores(V3_STORES);
  if (version >= 4) old.version(4).stores(V4_STORES);
  if (version >= 5) old.version(5).stores(V5_STORES);
  await old.open();
  await old.transaction('rw', old.tables, async () => {
    for (const [table, rows] of Object.entries(data)) {
      if (version >= 5 && SECTION_TABLES.includes(table)) continue;
      await old.table(table).bulkAdd(version === 4 && SECTION_TABLES.includes(table) ? packV4([...rows].sort(byId)) : rows);
    }
    if (version >= 5) await old.table('sections').bulkAdd(packV5(data));
  });
  old.close();
}

/** What the old version's exportAll wrote (the same format; v1/v2 tables; auto-increment keys in the rows). */
export function oldBackup(version: OldVersion, data: OldData, exportedAt = '2025-06-30T02:00:00.000Z') {
  const tables: Record<string, Row[]> = {};
  for (const t of OLD_TABLES[version]) {
    const rows = data[t] ?? [];
    tables[t] = t === 'audit' ? rows.map((r, i) => ({ ...r, seq: i + 1 })) : ['signoffs', 'marks', 'flags'].includes(t) ? rows.map((r, i) => ({ ...r, id: i + 1 })) : rows;
  }
  return { format: 'zhixiao-backup', schemaVersion: version, exportedAt, tables };
}

// 全程留痕 (domain.md §8.4, §0.3): an append-only, hash-chained log of supervisory acts (marking,
// un-marking, 阅核 sign-offs, measures, dismissed prompts). Pure: sha256 from @noble/hashes, no clock.
// verifyChain only reports; it never repairs.
import { z } from 'zod';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export const GENESIS_HASH = '0'.repeat(64);

export const AuditActorSchema = z.union([
  z.string().min(1),
  z.object({ name: z.string().min(1), role: z.string().optional(), id: z.string().optional() }),
]);
export type AuditActor = z.infer<typeof AuditActorSchema>;

export const AuditInputSchema = z.object({
  /** mark, unmark, auto-hit, signoff, measure, dismiss, panel-response … */
  type: z.string().min(1),
  /** Normalized 案号 (store key) */
  caseKey: z.string().min(1),
  payload: z.unknown(),
  actor: AuditActorSchema,
  /** ISO date-time, China time; passed in by the caller */
  at: z.string().min(1),
});
export type AuditInput = z.infer<typeof AuditInputSchema>;

export const AuditRecordSchema = AuditInputSchema.extend({
  seq: z.number().int().positive(),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AuditRecord = z.infer<typeof AuditRecordSchema>;

/** Deterministic JSON: object keys sorted (code-unit order), no whitespace, undefined members dropped. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    if (typeof (obj as { toJSON?: unknown }).toJSON === 'function') return canonicalJson((obj as { toJSON: () => unknown }).toJSON());
    const keys = Object.keys(obj).filter((k) => obj[k] !== undefined && typeof obj[k] !== 'function').sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  return 'null';
}

/** The hash of a record's content (everything but `hash`). */
export function hashRecord(r: Omit<AuditRecord, 'hash'>): string {
  const body = { seq: r.seq, type: r.type, caseKey: r.caseKey, payload: r.payload, actor: r.actor, at: r.at, prevHash: r.prevHash };
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(body))));
}

/** Appends one record after `chainTail` (null for the first record). Returns the new record; never mutates. */
export function appendRecord(chainTail: AuditRecord | null | undefined, input: AuditInput): AuditRecord {
  const i = AuditInputSchema.parse(input);
  // Deep-copy the payload through canonical JSON so that later mutation of the caller's object cannot
  // silently change a stored record.
  const payload = i.payload === undefined ? null : JSON.parse(canonicalJson(i.payload));
  const base = {
    seq: chainTail ? chainTail.seq + 1 : 1,
    type: i.type,
    caseKey: i.caseKey,
    payload,
    actor: typeof i.actor === 'string' ? i.actor : { ...i.actor },
    at: i.at,
    prevHash: chainTail ? chainTail.hash : GENESIS_HASH,
  };
  return { ...base, hash: hashRecord(base) };
}

export type ChainProblemKind = 'edited' | 'removed' | 'reordered' | 'inserted';
export interface ChainProblem {
  seq: number;
  kind: ChainProblemKind;
  message: string;
}
export type ChainVerification = { ok: true; count: number; head: { seq: number; hash: string } | null } | { ok: false; problems: ChainProblem[] };

const range = (a: number, b: number) => (a === b ? `第 ${a} 条` : `第 ${a} 至 ${b} 条`);

/** Longest strictly increasing subsequence of seqs (indices), to tell moved records from the rest. */
function lisIndices(seqs: number[]): Set<number> {
  const tails: number[] = [];
  const prev = new Array<number>(seqs.length).fill(-1);
  for (let i = 0; i < seqs.length; i++) {
    let lo = 0, hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seqs[tails[mid]] < seqs[i]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1];
    tails[lo] = i;
  }
  const out = new Set<number>();
  let k = tails.length ? tails[tails.length - 1] : -1;
  while (k >= 0) {
    out.add(k);
    k = prev[k];
  }
  return out;
}

/**
 * Verifies a chain given in stored order. Detects edited records (content or hash changed, or content changed
 * and the hash recomputed), removed records (gaps, a missing start, or — with `expectedHead` — a truncated
 * tail), reordered records and inserted records (duplicated positions, forged records, renumbering).
 */
export function verifyChain(records: unknown[], expectedHead?: { seq: number; hash: string }): ChainVerification {
  const problems: ChainProblem[] = [];
  const add = (p: ChainProblem) => {
    if (!problems.some((q) => q.seq === p.seq && q.kind === p.kind)) problems.push(p);
  };

  // 1. Shape.
  const recs: AuditRecord[] = [];
  records.forEach((raw, i) => {
    const p = AuditRecordSchema.safeParse(raw);
    if (p.success) recs.push(p.data);
    else {
      const seq = typeof (raw as { seq?: unknown })?.seq === 'number' ? (raw as { seq: number }).seq : i + 1;
      add({ seq, kind: 'edited', message: `第 ${seq} 条记录格式不完整或字段被改动（位于第 ${i + 1} 位）` });
    }
  });

  const own = recs.map((r) => hashRecord(r));
  const selfOk = recs.map((r, i) => own[i] === r.hash);
  /** hashes a successor may legitimately link to: the stored hash and the hash of the stored content */
  const linkable = (i: number) => new Set([recs[i].hash, own[i]]);

  // 2. Order in storage: records outside the longest increasing run of seq numbers were moved.
  const seqs = recs.map((r) => r.seq);
  const lis = lisIndices(seqs);
  const uniqueSeq = new Map<number, number[]>();
  recs.forEach((r, i) => uniqueSeq.set(r.seq, [...(uniqueSeq.get(r.seq) ?? []), i]));
  recs.forEach((r, i) => {
    if (lis.has(i) || (uniqueSeq.get(r.seq)?.length ?? 0) > 1) return;
    const after = i > 0 ? `，排在第 ${recs[i - 1].seq} 条之后` : '，排在最前';
    add({ seq: r.seq, kind: 'reordered', message: `第 ${r.seq} 条记录顺序被调换：出现在第 ${i + 1} 位${after}` });
  });

  // 3. Duplicated positions: the copy the next record links to is the original; the others were inserted.
  const bySeq = [...uniqueSeq.keys()].sort((a, b) => a - b);
  const chosen = new Map<number, number>(); // seq → index in recs
  for (let k = 0; k < bySeq.length; k++) {
    const seq = bySeq[k];
    const idxs = uniqueSeq.get(seq)!;
    if (idxs.length === 1) {
      chosen.set(seq, idxs[0]);
      continue;
    }
    const nextIdxs = k + 1 < bySeq.length && bySeq[k + 1] === seq + 1 ? uniqueSeq.get(seq + 1)! : [];
    const prevIdx = chosen.get(seq - 1);
    let pick = idxs.find((i) => nextIdxs.some((n) => linkable(i).has(recs[n].prevHash)) && selfOk[i]);
    if (pick === undefined && expectedHead && expectedHead.seq === seq) pick = idxs.find((i) => recs[i].hash === expectedHead.hash);
    if (pick === undefined) pick = idxs.find((i) => selfOk[i] && (prevIdx === undefined ? seq === 1 && recs[i].prevHash === GENESIS_HASH : linkable(prevIdx).has(recs[i].prevHash)));
    if (pick === undefined) pick = idxs[0];
    chosen.set(seq, pick);
    for (const i of idxs) {
      if (i === pick) continue;
      const same = recs[i].hash === recs[pick].hash;
      add({
        seq,
        kind: 'inserted',
        message: same
          ? `第 ${seq} 条记录被重复插入（第 ${i + 1} 位为重复副本）`
          : `第 ${seq} 条出现多条记录，第 ${i + 1} 位的记录为插入的伪造记录（后续记录未链接到它）`,
      });
    }
  }

  // 4. Walk the chain in seq order.
  const chain = bySeq.map((seq) => chosen.get(seq)!);
  let prev: number | null = null;
  for (const i of chain) {
    const r = recs[i];
    if (!selfOk[i]) {
      // Renumbered record (someone inserted before it and shifted the numbers)?
      let shifted = 0;
      for (let d = -3; d <= 3 && !shifted; d++) {
        if (d !== 0 && r.seq + d > 0 && hashRecord({ ...r, seq: r.seq + d }) === r.hash) shifted = d;
      }
      if (shifted) {
        add({ seq: r.seq, kind: 'inserted', message: `第 ${r.seq} 条记录的序号被改动（原为第 ${r.seq + shifted} 条），其前方可能插入了记录` });
      } else {
        add({ seq: r.seq, kind: 'edited', message: `第 ${r.seq} 条记录的内容或哈希值被修改（哈希校验不符）` });
      }
    }
    if (prev === null) {
      if (r.seq > 1) {
        add({ seq: 1, kind: 'removed', message: `链首${range(1, r.seq - 1)}记录缺失（被删除）` });
      } else if (r.prevHash !== GENESIS_HASH && selfOk[i]) {
        add({ seq: r.seq, kind: 'edited', message: `第 1 条记录的前序哈希不是链首值，记录被改动` });
      }
    } else {
      const p = recs[prev];
      if (r.seq > p.seq + 1) {
        add({ seq: p.seq + 1, kind: 'removed', message: `${range(p.seq + 1, r.seq - 1)}记录缺失（被删除），第 ${r.seq} 条记录的前序哈希与第 ${p.seq} 条不符` });
      } else if (!linkable(prev).has(r.prevHash)) {
        if (selfOk[i] && selfOk[prev]) {
          add({ seq: p.seq, kind: 'edited', message: `第 ${p.seq} 条记录与第 ${r.seq} 条记录所记的前序哈希不符：第 ${p.seq} 条可能被修改后重新计算了哈希（或第 ${r.seq} 条被改动）` });
        } else if (!problems.some((q) => q.seq === r.seq || q.seq === p.seq)) {
          add({ seq: r.seq, kind: 'edited', message: `第 ${r.seq} 条记录与前一条记录的链接断开` });
        }
      }
    }
    prev = i;
  }

  // 5. Truncated tail (needs the head remembered elsewhere, e.g. in extension storage).
  if (expectedHead) {
    const last = chain.length ? recs[chain[chain.length - 1]] : null;
    const lastSeq = last?.seq ?? 0;
    if (lastSeq < expectedHead.seq) {
      add({ seq: lastSeq + 1, kind: 'removed', message: `链尾${range(lastSeq + 1, expectedHead.seq)}记录缺失（日志被截断，应有 ${expectedHead.seq} 条）` });
    } else {
      const at = chosen.get(expectedHead.seq);
      if (at !== undefined && recs[at].hash !== expectedHead.hash && own[at] !== expectedHead.hash) {
        add({ seq: expectedHead.seq, kind: 'edited', message: `第 ${expectedHead.seq} 条记录的哈希与此前保存的链尾哈希不符，记录被替换或重写` });
      }
    }
  }

  if (problems.length === 0) {
    const last = chain.length ? recs[chain[chain.length - 1]] : null;
    return { ok: true, count: recs.length, head: last ? { seq: last.seq, hash: last.hash } : null };
  }
  problems.sort((a, b) => a.seq - b.seq);
  return { ok: false, problems };
}

// ---------------------------------------------------------------------------------------------------------
// 副卷 export of the 监管日志

export const AUDIT_TYPE_LABELS: Record<string, string> = {
  mark: '标记四类案件',
  unmark: '撤销四类标记',
  'auto-hit': '系统识别提示',
  signoff: '阅核签署',
  measure: '监督管理措施',
  dismiss: '忽略提示',
  'panel-response': '合议庭回复',
  'clerk-flag': '书记员标记',
  'prompt-shown': '四类案件提示已显示',
  'prompt-ack': '四类案件提示已确认知悉',
};

export interface SupervisionLogEntry {
  seq: number;
  at: string;
  type: string;
  typeLabel: string;
  actor: string;
  summary: string;
  payload: unknown;
  hash: string;
  prevHash: string;
}

export interface SupervisionLogExport {
  json: {
    title: string;
    caseKey: string;
    count: number;
    chain: ChainVerification;
    entries: SupervisionLogEntry[];
  };
  html: string;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const actorText = (a: AuditActor) => (typeof a === 'string' ? a : a.role ? `${a.name}（${a.role}）` : a.name);

const PAYLOAD_LABELS: Record<string, string> = {
  category: '类别', subSituation: '具体情形', reason: '理由', decision: '结论', opinion: '意见', recommendedRoute: '建议途径',
  documentRef: '文书', triggers: '阅核事由', measure: '措施', note: '说明', reviewerRole: '阅核人角色', panelResponse: '合议庭回复',
};

function summarize(payload: unknown): string {
  if (payload === null || payload === undefined) return '';
  if (typeof payload !== 'object') return String(payload);
  if (Array.isArray(payload)) return payload.map(summarize).join('；');
  return Object.keys(payload as object)
    .sort()
    .map((k) => {
      const v = (payload as Record<string, unknown>)[k];
      if (v === undefined || v === null || v === '') return '';
      const text = typeof v === 'object' ? (Array.isArray(v) ? v.map((x) => (typeof x === 'object' ? canonicalJson(x) : String(x))).join('、') : canonicalJson(v)) : String(v);
      return `${PAYLOAD_LABELS[k] ?? k}：${text}`;
    })
    .filter(Boolean)
    .join('；');
}

/**
 * The 监管日志 of one case for the 副卷: a JSON structure and a self-contained printable HTML page (every value
 * escaped). The chain is verified over all records given (other cases' records are part of the same chain).
 */
export function exportSupervisionLog(
  records: AuditRecord[],
  caseKey: string,
  options: { caseNo?: string; generatedAt?: string } = {},
): SupervisionLogExport {
  const chain = verifyChain(records);
  const entries: SupervisionLogEntry[] = records
    .filter((r) => r.caseKey === caseKey)
    .sort((a, b) => a.seq - b.seq)
    .map((r) => ({
      seq: r.seq,
      at: r.at,
      type: r.type,
      typeLabel: AUDIT_TYPE_LABELS[r.type] ?? r.type,
      actor: actorText(r.actor),
      summary: summarize(r.payload),
      payload: r.payload,
      hash: r.hash,
      prevHash: r.prevHash,
    }));
  const title = `${options.caseNo ?? caseKey} 监管日志`;
  const status = chain.ok
    ? `完整性校验通过（链上共 ${chain.count} 条记录）`
    : `完整性校验未通过：${chain.problems.map((p) => p.message).join('；')}`;
  const rows = entries
    .map(
      (e) =>
        `<tr><td>${e.seq}</td><td>${escapeHtml(e.at)}</td><td>${escapeHtml(e.typeLabel)}</td><td>${escapeHtml(e.actor)}</td><td>${escapeHtml(e.summary)}</td><td class="h">${escapeHtml(e.hash.slice(0, 16))}</td></tr>`,
    )
    .join('\n');
  const html = `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:"SimSun","Songti SC",serif;margin:2em}table{border-collapse:collapse;width:100%}th,td{border:1px solid #000;padding:4px 6px;vertical-align:top;font-size:12pt}.h{font-family:monospace;font-size:9pt}.bad{color:#b00}</style>
</head><body>
<h1>${escapeHtml(title)}</h1>
<p>案件标识：${escapeHtml(caseKey)}${options.generatedAt ? `　导出时间：${escapeHtml(options.generatedAt)}` : ''}　记录数：${entries.length}</p>
<p${chain.ok ? '' : ' class="bad"'}>${escapeHtml(status)}</p>
<table><thead><tr><th>序号</th><th>时间</th><th>事项</th><th>操作人</th><th>内容</th><th>哈希（前16位）</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="6">无记录</td></tr>'}
</tbody></table>
<p>本日志归入副卷。</p>
</body></html>`;
  return { json: { title, caseKey, count: entries.length, chain, entries }, html };
}

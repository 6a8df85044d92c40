// Parsing corpus import lines into stored case entries (pure; persist.ts stores them).

import type { z } from 'zod';
import { normalizeCharges } from './charges';
import { CASELIB_KEYS, CaselibEntrySchema, JsonlDocSchema, type CaseEntry } from './corpus-schema';
import type { CorpusDoc } from './search';
import { parseStatutes, statuteKeys, type Statute } from './statutes';
import { normalizeDate, resolveTier } from './tiers';

export type CorpusFormat = 'jsonl' | 'caselib';

export interface LineError {
  line: number; // 1-based
  message: string;
}

/** 32-bit FNV-1a over UTF-16 code units. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function withHash(e: Omit<CaseEntry, 'hash'>): CaseEntry {
  const keys = Object.keys(e).sort() as Array<keyof typeof e>;
  const canon = JSON.stringify(keys.map((k) => [k, e[k]]));
  return { ...e, hash: hash32(canon) };
}

function statutesOf(list: Array<string | Statute> | undefined, extra = ''): string[] {
  return statuteKeys([...(list ?? []), ...parseStatutes(extra)]);
}

const CASELIB_LABELS: Record<string, string> = {};
for (const [zh, en] of Object.entries(CASELIB_KEYS)) CASELIB_LABELS[en] ??= zh;

function zodMessage(err: z.ZodError, labels: Record<string, string> = {}): string {
  return err.issues
    .map((i) => {
      const path = i.path.map(String).join('.');
      const label = labels[path] ? `${labels[path]} (${path})` : path || '(line)';
      return `${label}: ${i.message}`;
    })
    .join('; ');
}

/** Parse one line; throws nothing, returns an entry or an error message. */
export function parseCorpusLine(line: string, format: CorpusFormat): { entry: CaseEntry } | { error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (e) {
    return { error: `invalid JSON: ${(e as Error).message}` };
  }
  if (format === 'jsonl') {
    const r = JsonlDocSchema.safeParse(raw);
    if (!r.success) return { error: zodMessage(r.error) };
    const d = r.data;
    const e: Omit<CaseEntry, 'hash'> = {
      id: d.id,
      title: d.title ?? '',
      keywords: [],
      facts: d.text,
      tier: resolveTier(d.tier, d.court),
      charges: normalizeCharges(d.charges),
      statutes: statutesOf(d.statutes),
      source: 'jsonl',
    };
    if (d.cause) e.cause = d.cause;
    if (d.court) e.court = d.court;
    if (d.caseNo) e.caseNo = d.caseNo;
    const date = normalizeDate(d.date);
    if (date) e.date = date;
    if (d.discussedByCommittee !== undefined) e.discussedByCommittee = d.discussedByCommittee;
    return { entry: withHash(e) };
  }
  const r = CaselibEntrySchema.safeParse(raw);
  if (!r.success) return { error: zodMessage(r.error, CASELIB_LABELS) };
  const d = r.data;
  const id = d.id ?? d.entryNo ?? d.caseNo ?? `h${hash32(d.title + '\u0000' + d.facts).toString(16)}`;
  const kind = d.kind ?? '';
  const tier = resolveTier(d.tier ?? (/指导/.test(kind) ? 1 : undefined), d.court);
  const e: Omit<CaseEntry, 'hash'> = {
    id,
    title: d.title,
    keywords: d.keywords ?? [],
    facts: d.facts,
    tier,
    charges: normalizeCharges(d.charges),
    statutes: statutesOf(d.statutes, d.related ?? ''),
    source: 'caselib',
  };
  for (const k of ['subtitle', 'reasoning', 'gist', 'related', 'court', 'caseNo', 'cause', 'entryNo'] as const) {
    const v = d[k];
    if (v) e[k] = v;
  }
  const date = normalizeDate(d.date);
  if (date) e.date = date;
  if (d.discussedByCommittee !== undefined) e.discussedByCommittee = d.discussedByCommittee;
  return { entry: withHash(e) };
}

/** Parse many lines; bad lines are reported by 1-based line number, the rest are returned. */
export function parseCorpus(lines: string, format: CorpusFormat): { entries: CaseEntry[]; errors: LineError[] } {
  const entries: CaseEntry[] = [];
  const errors: LineError[] = [];
  const rows = lines.split(/\r?\n/);
  rows.forEach((line, i) => {
    if (!line.trim()) return;
    const r = parseCorpusLine(line, format);
    if ('error' in r) errors.push({ line: i + 1, message: r.error });
    else entries.push(r.entry);
  });
  return { entries, errors };
}

/** The text the index sees for an entry: facts, then the 裁判要旨 and 裁判理由 and keywords when present. */
export function entryText(e: CaseEntry): string {
  return [e.facts, e.gist, e.reasoning, e.keywords.join(' ')].filter(Boolean).join('\n');
}

export function entryToDoc(e: CaseEntry): CorpusDoc {
  const d: CorpusDoc = { id: e.id, title: e.title, text: entryText(e), charges: e.charges, statutes: e.statutes, tier: e.tier };
  if (e.cause) d.cause = e.cause;
  if (e.court) d.court = e.court;
  if (e.date) d.date = e.date;
  if (e.caseNo) d.caseNo = e.caseNo;
  return d;
}

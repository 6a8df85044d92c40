// 四类案件: automatic identification (suggestions only) and the manual marking model (domain.md §7, §8).
// Pure: no clock, no browser API. "today" is passed in.
import { z } from 'zod';
import type { CaseSnapshot } from './case';
import { addMonths, isValidIsoDate } from './dates';
import {
  DEFAULT_SUPERVISION_RULES,
  FOUR_CATEGORY_NAMES,
  FourCategorySchema,
  SupervisionRulesSchema,
  type ConfidenceTag,
  type FourCategory,
  type SupervisionRules,
  type TriggerRule,
} from '../rules/supervision';

export { DEFAULT_SUPERVISION_RULES, FOUR_CATEGORY_NAMES };
export type { FourCategory };

export interface TriggerEvidence {
  /** CaseSnapshot field that was read */
  field: keyof CaseSnapshot;
  /** The value read (summarised for arrays) */
  value: string | number | boolean | null;
}

export interface TriggerHit {
  ruleId: string;
  category: FourCategory;
  categoryName: string;
  subSituation: string;
  /** The snapshot fields the rule looked at, with their values */
  evidence: TriggerEvidence[];
  /** Chinese, with the values, e.g. "当事人 12 人，达到 10 人以上" */
  reason: string;
  basis: string;
  tag: ConfidenceTag;
}

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

function findKeyword(texts: string[], keywords: string[]): { text: string; keyword: string } | null {
  for (const t of texts) {
    const n = norm(t);
    for (const k of keywords) if (n.includes(norm(k))) return { text: t, keyword: k };
  }
  return null;
}

const fmtAmount = (yuan: number) =>
  yuan >= 10_000 ? `${Number((yuan / 10_000).toFixed(2))} 万元` : `${yuan} 元`;

/** End point of a calendar-age computation: closedOn for a closed case, else today. */
function ageEnd(s: CaseSnapshot, today: string): string {
  if ((s.status === 'closed' || s.status === 'archived') && s.closedOn && s.closedOn < today) return s.closedOn;
  return today;
}

function evaluate(rule: TriggerRule, s: CaseSnapshot, today: string): Omit<TriggerHit, 'ruleId' | 'category' | 'categoryName' | 'subSituation' | 'basis' | 'tag'> | null {
  switch (rule.kind) {
    case 'partyCount': {
      if (!s.parties) return null;
      const excluded = new Set(rule.excludeRoles);
      const names = new Set(s.parties.filter((p) => !excluded.has(p.role)).map((p) => norm(p.name)));
      if (names.size < rule.min) return null;
      return {
        evidence: [{ field: 'parties', value: names.size }],
        reason: `当事人共 ${names.size} 人，达到 ${rule.min} 人以上`,
      };
    }
    case 'signal': {
      const hit = findKeyword(s.signals ?? [], rule.keywords);
      if (!hit) return null;
      return {
        evidence: [{ field: 'signals', value: hit.text }],
        reason: `案件标记有「${hit.text}」（命中关键词「${hit.keyword}」）`,
      };
    }
    case 'amount': {
      if (s.amount === undefined || !(s.amount > rule.threshold)) return null;
      return {
        evidence: [{ field: 'amount', value: s.amount }],
        reason: `标的额 ${fmtAmount(s.amount)}，超过 ${fmtAmount(rule.threshold)}`,
      };
    }
    case 'age': {
      if (!s.filedOn || !isValidIsoDate(s.filedOn)) return null;
      const end = ageEnd(s, today);
      const limit = addMonths(s.filedOn, rule.months);
      if (!(end > limit)) return null;
      const closed = end !== today;
      return {
        evidence: [
          { field: 'filedOn', value: s.filedOn },
          ...(closed ? [{ field: 'closedOn' as const, value: s.closedOn ?? null }] : []),
        ],
        reason: `立案日 ${s.filedOn}，${closed ? `结案日 ${end}` : `截至 ${today}`}已超过 ${rule.months} 个月（${limit} 届满）`,
      };
    }
    case 'detention': {
      if (s.detained === false || !s.detainedSince || !isValidIsoDate(s.detainedSince)) return null;
      const end = ageEnd(s, today);
      const limit = addMonths(s.detainedSince, rule.months);
      if (!(end >= limit)) return null;
      const years = rule.months % 12 === 0 ? `${rule.months / 12} 年` : `${rule.months} 个月`;
      return {
        evidence: [
          { field: 'detainedSince', value: s.detainedSince },
          { field: 'detained', value: s.detained ?? null },
        ],
        reason: `羁押起始日 ${s.detainedSince}，截至 ${end} 羁押已满 ${years}`,
      };
    }
    case 'causeKeyword': {
      if (!s.cause) return null;
      const hit = findKeyword([s.cause], rule.keywords);
      if (!hit) return null;
      return {
        evidence: [{ field: 'cause', value: s.cause }],
        reason: `案由「${s.cause}」含关键词「${hit.keyword}」`,
      };
    }
  }
}

/**
 * Runs every enabled trigger rule on the snapshot. The result is a list of suggestions; nothing is marked
 * until a human confirms (see applyMarks). Rules whose evidence is absent simply do not fire.
 */
export function identifyFourCategory(
  snapshot: CaseSnapshot,
  today: string,
  config: SupervisionRules = DEFAULT_SUPERVISION_RULES,
): TriggerHit[] {
  if (!isValidIsoDate(today)) throw new RangeError(`Invalid date: ${today}`);
  const rules = config === DEFAULT_SUPERVISION_RULES ? config : SupervisionRulesSchema.parse(config);
  const hits: TriggerHit[] = [];
  for (const rule of rules.rules) {
    if (!rule.enabled) continue;
    const r = evaluate(rule, snapshot, today);
    if (!r) continue;
    hits.push({
      ruleId: rule.id,
      category: rule.category,
      categoryName: FOUR_CATEGORY_NAMES[rule.category],
      subSituation: rule.subSituation,
      basis: rule.basis,
      tag: rule.tag,
      ...r,
    });
  }
  return hits;
}

// ---------------------------------------------------------------------------------------------------------
// Manual marking (§8.2): a history of mark / unmark / auto-hit entries is folded into the current state.
// Nothing is ever deleted from the history.

export const MarkHistoryEntrySchema = z.object({
  action: z.enum(['mark', 'unmark', 'auto-hit']),
  category: FourCategorySchema,
  /** Required for mark and auto-hit; for unmark, empty means "every marking of this category" */
  subSituation: z.string().default(''),
  reason: z.string().default(''),
  by: z.string().min(1),
  role: z.string().default(''),
  /** ISO date-time (China time) */
  at: z.string().min(1),
  /** For auto-hit entries: the trigger rule that fired */
  ruleId: z.string().optional(),
});
export type MarkHistoryEntry = z.input<typeof MarkHistoryEntrySchema>;

export interface ActiveMark {
  category: FourCategory;
  categoryName: string;
  subSituation: string;
  reason: string;
  by: string;
  role: string;
  at: string;
  /** Set when the human confirmed an automatic suggestion of the same category */
  confirmsRuleIds: string[];
}

export interface Suggestion {
  category: FourCategory;
  categoryName: string;
  subSituation: string;
  reason: string;
  ruleId?: string;
  at: string;
}

export interface MarkingState {
  /** true when at least one human marking is active */
  marked: boolean;
  marks: ActiveMark[];
  /** Automatic hits not yet confirmed or rejected by a human: never counted as marked */
  suggestions: Suggestion[];
  /** Entries refused by validation (kept out of the state, reported with the reason) */
  rejected: Array<{ index: number; error: string }>;
  /** The full history, unchanged */
  history: MarkHistoryEntry[];
}

/** Validates one history entry. Mark and unmark need a non-empty reason; mark also needs a 具体情形. */
export function validateMarkEntry(entry: unknown): { ok: true } | { ok: false; error: string } {
  const p = MarkHistoryEntrySchema.safeParse(entry);
  if (!p.success) {
    const first = p.error.issues[0];
    const field = String(first?.path[0] ?? '');
    const names: Record<string, string> = {
      action: '操作类型', category: '类别', by: '操作人', at: '操作时间', subSituation: '具体情形', reason: '理由', role: '角色',
    };
    return { ok: false, error: `${names[field] ?? field}无效或缺失` };
  }
  const e = p.data;
  if (e.action === 'mark' && !e.reason.trim()) return { ok: false, error: '标记四类案件必须填写理由' };
  if (e.action === 'unmark' && !e.reason.trim()) return { ok: false, error: '撤销标记必须填写理由' };
  if (e.action === 'mark' && !e.subSituation.trim()) return { ok: false, error: '标记四类案件必须选择具体情形' };
  return { ok: true };
}

const key = (c: number, sub: string) => `${c}|${norm(sub)}`;

/** Folds the history (in the given order) into the current marking state. */
export function applyMarks(history: MarkHistoryEntry[]): MarkingState {
  const marks = new Map<string, ActiveMark>();
  const suggestions = new Map<string, Suggestion>();
  const rejected: MarkingState['rejected'] = [];

  history.forEach((raw, index) => {
    const v = validateMarkEntry(raw);
    if (!v.ok) {
      rejected.push({ index, error: v.error });
      return;
    }
    const e = MarkHistoryEntrySchema.parse(raw);
    const categoryName = FOUR_CATEGORY_NAMES[e.category];
    if (e.action === 'auto-hit') {
      const k = key(e.category, e.subSituation);
      // Already confirmed by a human: nothing to suggest.
      if (marks.has(k)) return;
      suggestions.set(k, { category: e.category, categoryName, subSituation: e.subSituation, reason: e.reason, ruleId: e.ruleId, at: e.at });
      return;
    }
    if (e.action === 'mark') {
      const k = key(e.category, e.subSituation);
      // A human judgment on this category settles the pending suggestions of the category.
      const confirms: string[] = [];
      for (const [sk, s] of suggestions) {
        if (s.category === e.category) {
          if (s.ruleId) confirms.push(s.ruleId);
          suggestions.delete(sk);
        }
      }
      const prev = marks.get(k);
      marks.set(k, {
        category: e.category, categoryName, subSituation: e.subSituation, reason: e.reason, by: e.by, role: e.role, at: e.at,
        confirmsRuleIds: [...(prev?.confirmsRuleIds ?? []), ...confirms],
      });
      return;
    }
    // unmark
    const all = !e.subSituation.trim();
    for (const [mk, m] of marks) {
      if (m.category === e.category && (all || mk === key(e.category, e.subSituation))) marks.delete(mk);
    }
    for (const [sk, s] of suggestions) {
      if (s.category === e.category && (all || sk === key(e.category, e.subSituation))) suggestions.delete(sk);
    }
  });

  const list = [...marks.values()].sort((a, b) => a.category - b.category);
  return {
    marked: list.length > 0,
    marks: list,
    suggestions: [...suggestions.values()].sort((a, b) => a.category - b.category),
    rejected,
    history,
  };
}

/** Turns trigger hits into auto-hit history entries (by 系统). Log only hits that are new since the last scan. */
export function hitsToHistory(hits: TriggerHit[], at: string): MarkHistoryEntry[] {
  return hits.map((h) => ({
    action: 'auto-hit' as const,
    category: h.category,
    subSituation: h.subSituation,
    reason: h.reason,
    by: '系统',
    role: '系统',
    at,
    ruleId: h.ruleId,
  }));
}

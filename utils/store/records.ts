// Row shapes of the `zhixiao` database (current schema version) and their zod schemas.
// The zod schemas validate what comes from outside (backup files, messages); rows the repositories build
// themselves are typed by the inferred types.
import { z } from 'zod';
import {
  CaseEventSchema,
  CaseSnapshotSchema,
  DocumentSchema,
  PartySchema,
  WritSchema,
} from '../domain/case';

/** Store-internal machine timestamps (seen, gone, outbox schedule) are epoch milliseconds. */
export const EpochMsSchema = z.number().int().nonnegative();
/** User-facing record times (sign-off, mark, flag, audit) are ISO 8601 date-times with an offset. */
export const DateTimeSchema = z.iso.datetime({ offset: true });

/** `documents`: the 电子卷宗 materials; `writs`: the 文书 tab (since schema v3). */
export const SECTIONS = ['parties', 'events', 'documents', 'writs'] as const;
export type Section = (typeof SECTIONS)[number];
export const SectionSchema = z.enum(SECTIONS);

// ── cached host data ────────────────────────────────────────────────────────────────────────────

/**
 * The case's scalar fields (everything of CaseSnapshot except the sections, so also `clerk` and the 待阅核
 * `review` object) plus bookkeeping.
 */
export const CaseRowSchema = CaseSnapshotSchema.omit({ parties: true, events: true, documents: true, writs: true }).extend({
  caseKey: z.string().min(1),
  firstSeenAt: EpochMsSchema,
  /** when a page last showed something new about the case (an unchanged page writes nothing) */
  lastSeenAt: EpochMsSchema,
  /** `${profileId}/${pageKind}` of every page that contributed to this case */
  sources: z.array(z.string()),
  /** Sections some page has shown for this case (so `[]` can be told apart from "never seen") */
  sectionsSeen: z.array(SectionSchema),
});
export type CaseRow = z.infer<typeof CaseRowSchema>;

/** Bookkeeping shared by event, party, document and writ rows. */
export const ChildMetaSchema = z.object({
  /** `${caseKey}|${identity}`: stable across re-ingests, so re-reading a page is idempotent */
  id: z.string().min(1),
  caseKey: z.string().min(1),
  /** Position in the host's list the last time a page showed it */
  order: z.number().int().nonnegative(),
  firstSeenAt: EpochMsSchema,
  /** Set when a page showed this section without this item; cleared when it reappears */
  goneSince: EpochMsSchema.optional(),
});
export type ChildMeta = z.infer<typeof ChildMetaSchema>;
export const CHILD_META_KEYS = ['id', 'caseKey', 'order', 'firstSeenAt', 'goneSince'] as const;

export const EventRowSchema = z.intersection(ChildMetaSchema, CaseEventSchema);
export type EventRow = z.infer<typeof EventRowSchema>;
export const PartyRowSchema = ChildMetaSchema.extend(PartySchema.shape);
export type PartyRow = z.infer<typeof PartyRowSchema>;
export const DocumentRowSchema = ChildMetaSchema.extend(DocumentSchema.shape);
export type DocumentRow = z.infer<typeof DocumentRowSchema>;
export const WritRowSchema = ChildMetaSchema.extend(WritSchema.shape);
export type WritRow = z.infer<typeof WritRowSchema>;

/** A case's logical child rows of each section it has rows of (a section key is absent when it has none). */
export interface CaseItems {
  events?: EventRow[];
  parties?: PartyRow[];
  documents?: DocumentRow[];
  writs?: WritRow[];
}

/**
 * How the sections were stored in schema v5: ONE `sections` row per case (`id` = caseKey) holding its CaseItems.
 * Kept for the v4 → v5 → v6 upgrade path and its tests; v6 keeps the items in the case row (StoredCaseRow).
 */
export interface SectionsRow extends CaseItems {
  /** the caseKey (the table's primary key keeps its name `id`) */
  id: string;
  caseKey: string;
}

/**
 * A row of the `cases` table since schema v6: the case's scalar fields (CaseRow, the shape backups hold) plus its
 * items, each array exactly the row shape above with its own `${caseKey}|${identity}` id. A case page then reads
 * and writes one row instead of two (v5: a case row and a sections row) (issue #8: IndexedDB's per-request cost
 * dominates ingest). Read items through repo.ts getCases / childRows, never from this field outside the store.
 */
export type StoredCaseRow = CaseRow & { items?: CaseItems };

/** Checks a case's items: every item filed under that case (caseKey and id prefix), ids unique per section, no empty section. */
function checkItems(caseKey: string, items: CaseItems, ctx: z.RefinementCtx, path: (string | number)[]): void {
  for (const section of SECTIONS) {
    if (items[section]?.length === 0) ctx.addIssue({ code: 'custom', path: [...path, section], message: '没有条目时应省略' });
    const ids = new Set<string>();
    (items[section] ?? []).forEach((it: ChildMeta, i: number) => {
      if (it.caseKey !== caseKey) ctx.addIssue({ code: 'custom', path: [...path, section, i, 'caseKey'], message: `应为 "${caseKey}"` });
      if (!it.id.startsWith(`${caseKey}|`)) ctx.addIssue({ code: 'custom', path: [...path, section, i, 'id'], message: `应以 "${caseKey}|" 开头` });
      if (ids.has(it.id)) ctx.addIssue({ code: 'custom', path: [...path, section, i, 'id'], message: `重复的 id ${it.id}` });
      ids.add(it.id);
    });
  }
}

const CaseItemsShape = {
  events: z.array(EventRowSchema).optional(),
  parties: z.array(PartyRowSchema).optional(),
  documents: z.array(DocumentRowSchema).optional(),
  writs: z.array(WritRowSchema).optional(),
};

/** Validates a v5 sections row (migration tests): key = caseKey, items as checkItems. */
export const SectionsRowSchema = z
  .object({ id: z.string().min(1), caseKey: z.string().min(1), ...CaseItemsShape })
  .strict()
  .superRefine((r, ctx) => {
    if (r.id !== r.caseKey) ctx.addIssue({ code: 'custom', path: ['id'], message: `应等于 caseKey "${r.caseKey}"` });
    checkItems(r.caseKey, r, ctx, []);
  });

/** Validates a stored v6 case row (migration, tests): the scalar row plus optional items, checked as checkItems. */
export const StoredCaseRowSchema = CaseRowSchema.extend({ items: z.object(CaseItemsShape).strict().optional() }).superRefine((r, ctx) => {
  if (r.items) {
    if (Object.keys(r.items).length === 0) ctx.addIssue({ code: 'custom', path: ['items'], message: '没有条目时应省略' });
    checkItems(r.caseKey, r.items, ctx, ['items']);
  }
});

/** What identifies a 文书 across re-ingests: the host's ref when it has one, else title + date (status may change). */
export function writIdentity(w: { title: string; date?: string; ref?: string }): string {
  return w.ref ? `ref|${w.ref}` : `writ|${w.title}|${w.date ?? ''}`;
}

// ── records people sign (shared truth written back to the host) ────────────────────────────────

export const SyncStateSchema = z.enum(['pending', 'synced', 'failed']);
export type SyncState = z.infer<typeof SyncStateSchema>;

/** Known 阅核 reviewer roles (domain.md §9.1); other local titles are accepted as text. */
export const REVIEWER_ROLES = ['副庭长', '庭长', '分管院领导', '院长', '审委会委员'] as const;
export const SignoffDecisionSchema = z.enum(['同意', '有意见']);
export const SignoffRouteSchema = z.enum(['复议', '专业法官会议', '审委会']);

const SignoffFields = z.object({
  /** Idempotency key made by the client; the same sign-off is never stored twice */
  clientId: z.string().min(1),
  caseNo: z.string().min(1),
  documentRef: z.string().min(1),
  triggers: z.array(z.string().min(1)),
  reviewer: z.string().min(1),
  reviewerRole: z.string().min(1),
  reviewedAt: DateTimeSchema,
  decision: SignoffDecisionSchema,
  opinion: z.string().optional(),
  recommendedRoute: SignoffRouteSchema.nullable(),
  panelResponse: z.string().optional(),
});

/** domain.md §9.3: 有意见 needs an opinion and a route; the form has no field that edits the result. */
function refineSignoff(s: { decision: string; opinion?: string; recommendedRoute: string | null }, ctx: z.RefinementCtx) {
  if (s.decision === '有意见') {
    if (!s.opinion || !s.opinion.trim()) ctx.addIssue({ code: 'custom', path: ['opinion'], message: '有意见时必须填写意见' });
    if (!s.recommendedRoute) ctx.addIssue({ code: 'custom', path: ['recommendedRoute'], message: '有意见时必须选择建议途径' });
  }
}

/** What a reviewer submits (domain.md §9.2 + clientId). */
export const SignoffInputSchema = SignoffFields.superRefine(refineSignoff);
export type SignoffInput = z.infer<typeof SignoffInputSchema>;

export const SignoffRowSchema = SignoffFields.extend({
  id: z.number().int().positive().optional(),
  caseKey: z.string().min(1),
  syncState: SyncStateSchema,
  attempts: z.number().int().nonnegative(),
  lastError: z.string().optional(),
}).superRefine(refineSignoff);
export type SignoffRow = z.infer<typeof SignoffRowSchema>;

/** 四类 category number, domain.md §8.1 */
export const SupervisionCategorySchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export const MarkActionSchema = z.enum(['mark', 'unmark', 'auto-hit']);

const MarkFields = z.object({
  clientId: z.string().min(1),
  caseNo: z.string().min(1),
  category: SupervisionCategorySchema,
  subSituation: z.string().optional(),
  reason: z.string().min(1),
  by: z.string().min(1),
  role: z.string().min(1),
  at: DateTimeSchema,
  action: MarkActionSchema,
});
/** domain.md §8.2: marking records category, sub-situation and reason; un-marking records the reason. */
function refineMark(m: { action: string; subSituation?: string }, ctx: z.RefinementCtx) {
  if (m.action === 'mark' && !m.subSituation?.trim()) {
    ctx.addIssue({ code: 'custom', path: ['subSituation'], message: '标记时必须选择具体情形' });
  }
}
export const MarkInputSchema = MarkFields.superRefine(refineMark);
export type MarkInput = z.infer<typeof MarkInputSchema>;
export const MarkRowSchema = MarkFields.extend({
  id: z.number().int().positive().optional(),
  caseKey: z.string().min(1),
}).superRefine(refineMark);
export type MarkRow = z.infer<typeof MarkRowSchema>;

export const ArchiveFlagSchema = z.enum(['缺失', '待补扫', '不适用']);
const FlagFields = z.object({
  clientId: z.string().min(1),
  caseNo: z.string().min(1),
  /** The archive checklist item (its id or title) */
  item: z.string().min(1),
  flag: ArchiveFlagSchema,
  reason: z.string().min(1),
  by: z.string().min(1),
  at: DateTimeSchema,
});
export const FlagInputSchema = FlagFields;
export type FlagInput = z.infer<typeof FlagInputSchema>;
export const FlagRowSchema = FlagFields.extend({
  id: z.number().int().positive().optional(),
  caseKey: z.string().min(1),
  syncState: SyncStateSchema,
  attempts: z.number().int().nonnegative(),
  lastError: z.string().optional(),
});
export type FlagRow = z.infer<typeof FlagRowSchema>;

// ── local bookkeeping ───────────────────────────────────────────────────────────────────────────

/** Append-only log. The hash chain is computed by the audit module; the store keeps the fields. */
export const AuditRowSchema = z.object({
  seq: z.number().int().positive().optional(),
  caseKey: z.string().optional(),
  type: z.string().min(1),
  payload: z.unknown(),
  at: DateTimeSchema,
  actor: z.string(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditRow = z.infer<typeof AuditRowSchema>;

export const SettingRowSchema = z.object({ key: z.string().min(1), value: z.unknown() });
export type SettingRow = z.infer<typeof SettingRowSchema>;

export const OutboxKindSchema = z.enum(['signoff', 'flag']);
export type OutboxKind = z.infer<typeof OutboxKindSchema>;
export const OutboxRowSchema = z.object({
  /** `${kind}:${refId}`: one queued write-back per record */
  id: z.string().min(1),
  kind: OutboxKindSchema,
  /** clientId of the signoff / flag being written back */
  refId: z.string().min(1),
  payload: z.unknown(),
  endpoint: z.string().min(1),
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: EpochMsSchema,
  lastError: z.string().optional(),
  createdAt: EpochMsSchema,
});
export type OutboxRow = z.infer<typeof OutboxRowSchema>;

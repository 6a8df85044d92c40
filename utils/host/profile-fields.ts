// What a profile rule can fill, by value type, and how paths are written: plain data with no zod, so the
// content script's extraction engine can use it without bundling the schema library (utils/host/profile.ts
// re-exports everything here).

// Fields of the case (utils/domain/case.ts CaseSnapshotSchema) that a rule can fill, by value type.
export const CASE_FIELD_TYPES = {
  caseNo: 'text',
  hostRef: 'text',
  url: 'text',
  cause: 'text',
  category: 'enum',
  procedure: 'enum',
  filedOn: 'date',
  closedOn: 'date',
  closeMethod: 'text',
  status: 'enum',
  archivedOn: 'date',
  judge: 'text',
  /** 书记员 */
  clerk: 'text',
  division: 'text',
  panel: 'list',
  detained: 'boolean',
  detainedSince: 'date',
  foreign: 'boolean',
  amount: 'number',
  signals: 'list',
  /**
   * Parties written in one cell, `原告：张三、李四；被告：某某公司` (groups split by ；/;, role and names by ：/:, names by
   * 、/,/，). For a separate 当事人 table use a section's `parties` list instead.
   */
  parties: 'parties',
  /**
   * 待阅核 list rows: the document awaiting review. The engine gathers these four into the snapshot's `review`
   * object (`review.documentRef`, `review.documentTitle`, `review.submittedOn`, `review.triggers`).
   * `reviewTriggers` is a list (阅核事由 such as `本庭裁判文书、四类案件`, split like other lists).
   */
  reviewDocumentRef: 'text',
  reviewDocumentTitle: 'text',
  reviewSubmittedOn: 'date',
  reviewTriggers: 'list',
} as const;
/** Case fields that the engine moves into `review` (field name → key of ReviewRequest). */
export const REVIEW_FIELDS = {
  reviewDocumentRef: 'documentRef',
  reviewDocumentTitle: 'documentTitle',
  reviewSubmittedOn: 'submittedOn',
  reviewTriggers: 'triggers',
} as const;
export const PARTY_FIELD_TYPES = { name: 'text', role: 'text' } as const;
/**
 * 审限变更 and hearing rows. `kind` (mapped to extension / deduction / suspension / conversion / restart / hearing)
 * decides which fields are used; `on` and `from` stand in for each other. For a conversion, `procedure` is the
 * procedure converted to and `fromProcedure` the one converted from.
 */
export const EVENT_FIELD_TYPES = {
  kind: 'enum',
  on: 'date',
  from: 'date',
  to: 'date',
  months: 'number',
  days: 'number',
  approvedBy: 'text',
  appliedOn: 'date',
  reason: 'text',
  postponed: 'boolean',
  procedure: 'enum',
  fromProcedure: 'enum',
} as const;
export const DOCUMENT_FIELD_TYPES = {
  title: 'text',
  date: 'date',
  volume: 'enum',
  status: 'enum',
  party: 'text',
  ref: 'text',
} as const;
/** 文书 the court drafts and issues (判决书, 裁定书 …), kept apart from the 电子卷宗 `documents`. */
export const WRIT_FIELD_TYPES = {
  title: 'text',
  date: 'date',
  status: 'enum',
  ref: 'text',
} as const;
export type FieldType = 'text' | 'enum' | 'date' | 'boolean' | 'number' | 'list' | 'parties';


/** `["pages", 2, "fields", "filedOn"]` → `pages[2].fields.filedOn` */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += (out ? '.' : '') + String(p);
  }
  return out || '(根)';
}


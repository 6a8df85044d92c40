// Host profiles: how the extension reads one vendor's case-handling system (办案系统).
//
// A profile is a plain JSON document that a court's IT staff can edit and import from the options page.
// This file is its schema and, read top to bottom, its documentation (see also utils/host/README.md).
// Pure: zod only, no DOM, no browser API.
import { z } from 'zod';

// ───────────────────────────── small building blocks ─────────────────────────────

/** Page kinds the extension knows how to help with. */
export const PAGE_KINDS = ['case-list', 'case-detail', 'review-list', 'archive', 'login', 'other'] as const;
export const PageKindSchema = z.enum(PAGE_KINDS);
export type PageKind = z.infer<typeof PageKindSchema>;

/** How the host writes dates: `iso` 2024-05-20 · `zh` 2024年05月20日 · `slash` 2024/05/20. A trailing time is ignored. */
export const DATE_FORMATS = ['iso', 'zh', 'slash'] as const;
export const DateFormatSchema = z.enum(DATE_FORMATS);
export type DateFormat = z.infer<typeof DateFormatSchema>;

function compiles(source: string, flags = ''): boolean {
  try {
    new RegExp(source, flags);
    return true;
  } catch {
    return false;
  }
}

/** A JavaScript regular expression, written as a string (backslashes doubled in JSON). */
const RegexSchema = z.string().min(1).refine((s) => compiles(s), { message: '正则表达式无效' });
/** A CSS selector (checked when the page is read: an invalid selector is reported, never thrown). */
const SelectorSchema = z.string().min(1);
/** One name or several alternatives (`"立案日期"` or `["立案日期", "立案时间"]`). */
const NamesSchema = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/**
 * Value map: host text (trimmed, spaces collapsed) → value. `null` means "treat as absent".
 * The key `"*"` is the fallback for any text not listed; without it, unlisted text is an error.
 * Example: `{"普通程序": "ordinary", "简易程序": "simple"}`, `{"在押": true, "取保候审": false, "*": null}`.
 */
const MapValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const ValueMapSchema = z.record(z.string(), MapValueSchema);
export type ValueMap = z.infer<typeof ValueMapSchema>;

// ───────────────────────────── field rules ─────────────────────────────

/**
 * Where one value comes from, and how its text becomes a value. Give exactly one source:
 *
 * - `selector`: a CSS selector (inside the row for table rows, else inside the page); `":scope"` is the row itself;
 * - `label`: label text shown next to the value, such as `"立案日期"`: the element whose whole text is the
 *   label (spaces and a trailing ：/: ignored) is found and the value is read from the element after it
 *   (its next sibling, or the next cell of the table); `"立案日期：2024年05月20日"` in one element also works;
 * - `column`: a table column, by its header text (table rules only);
 * - `url`: `true` to read the page URL (with `regex` to cut out an id);
 * - `value`: a constant.
 *
 * Then, in order: `attr` reads an attribute instead of the text (`href` is made absolute); `regex` keeps the
 * first capture group (or the whole match) and treats "no match" as absent; `map` translates; the field's type
 * (known from the field name: dates, numbers, yes/no, lists, fixed values) decides the rest.
 */
export const FieldRuleSchema = z
  .strictObject({
    selector: SelectorSchema.optional(),
    label: NamesSchema.optional(),
    column: NamesSchema.optional(),
    url: z.literal(true).optional(),
    value: z.union([z.string(), z.number(), z.boolean()]).optional(),
    /** Limit the `label` search to this element (CSS selector). */
    within: SelectorSchema.optional(),
    /** Read this attribute (`href`, `data-id`, `value`, `title` …) instead of the text. */
    attr: z.string().min(1).optional(),
    /** With `selector`: the value is `true` when the element exists, `false` when it does not (badges, icons). */
    exists: z.literal(true).optional(),
    regex: RegexSchema.optional(),
    map: ValueMapSchema.optional(),
    /**
     * A map chosen by the value of another field of the same case or row, for example procedure names that
     * mean different things per category: `{"field": "category", "maps": {"criminal": {"普通程序": "public-ordinary"}}}`.
     * Falls back to `map` when the other field has no entry here.
     */
    mapBy: z
      .strictObject({ field: z.string().min(1), maps: z.record(z.string(), ValueMapSchema) })
      .optional(),
    /** Date format(s) for date fields; default: the profile's `dateFormat`. */
    dateFormat: z.union([DateFormatSchema, z.array(DateFormatSchema).min(1)]).optional(),
    /** Number fields: multiply the number read (e.g. 10000 when the host shows 万元). */
    scale: z.number().positive().optional(),
    /** List fields (panel, signals): separator regex between items; default `[、，,；;]`. */
    split: RegexSchema.optional(),
    /** Required: a case (or table row) without this value is not ingested at all and is reported as missing. */
    required: z.boolean().optional(),
  })
  .superRefine((rule, ctx) => {
    const sources = (['selector', 'label', 'column', 'url', 'value'] as const).filter((k) => rule[k] !== undefined);
    if (sources.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['selector'], message: '必填（或改用 label / column / url / value 之一）' });
    } else if (sources.length > 1) {
      ctx.addIssue({ code: 'custom', path: [sources[1]], message: `只能指定一个来源，已有 ${sources[0]}（label 的范围请用 within）` });
    }
    if (rule.exists && rule.selector === undefined) {
      ctx.addIssue({ code: 'custom', path: ['exists'], message: 'exists 只能与 selector 同用' });
    }
    if (rule.within !== undefined && rule.label === undefined) {
      ctx.addIssue({ code: 'custom', path: ['within'], message: 'within 只能与 label 同用' });
    }
  });
export type FieldRule = z.infer<typeof FieldRuleSchema>;

export { CASE_FIELD_TYPES, REVIEW_FIELDS, PARTY_FIELD_TYPES, EVENT_FIELD_TYPES, DOCUMENT_FIELD_TYPES, WRIT_FIELD_TYPES, formatPath, type FieldType } from './profile-fields';
import { CASE_FIELD_TYPES, REVIEW_FIELDS, PARTY_FIELD_TYPES, EVENT_FIELD_TYPES, DOCUMENT_FIELD_TYPES, WRIT_FIELD_TYPES, formatPath } from './profile-fields';

const keysOf = <T extends object>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
export const CaseFieldSchema = z.enum(keysOf(CASE_FIELD_TYPES));
export type CaseField = z.infer<typeof CaseFieldSchema>;

const fieldsOf = <T extends object>(types: T) => z.partialRecord(z.enum(keysOf(types)), FieldRuleSchema);
export const CaseFieldsSchema = fieldsOf(CASE_FIELD_TYPES);
export type CaseFields = z.infer<typeof CaseFieldsSchema>;

// ───────────────────────────── tables ─────────────────────────────

/**
 * A table: a real `<table>` or rows of `<div>`s. For a `<table>` only `selector` is needed: the header is the
 * `<thead>` row (or the first row of `<th>` cells) and every other row is a record. For div layouts, say where
 * the rows, header cells and row cells are.
 */
export const TableSchema = z.strictObject({
  /** The table element, or the element holding the rows. */
  selector: SelectorSchema,
  /** Row elements, inside `selector`. Default for a `<table>`: its body rows. */
  rows: SelectorSchema.optional(),
  /** Header cells, inside `selector`, used for `column` rules. Default for a `<table>`: the header row's cells. */
  header: SelectorSchema.optional(),
  /** Cells inside a row. Default: the row's child elements (`<td>`/`<th>`, honouring colspan). */
  cells: SelectorSchema.optional(),
  /** Skip rows whose text matches this regex (e.g. `"暂无数据|没有记录"`). Single-cell placeholder rows are always skipped. */
  skipText: RegexSchema.optional(),
});
export type TableRule = z.infer<typeof TableSchema>;

const listOf = <T extends object>(types: T) =>
  z.strictObject({
    table: TableSchema,
    fields: fieldsOf(types),
  });
/** One table, or several whose rows are joined in order (e.g. 正卷 and 副卷, or one table per kind of 审限变更). */
const oneOrMany = <T extends z.ZodType>(t: T) => z.union([t, z.array(t).min(1)]);
export const PartyListSchema = oneOrMany(listOf(PARTY_FIELD_TYPES));
export const EventListSchema = oneOrMany(listOf(EVENT_FIELD_TYPES));
export const DocumentListSchema = oneOrMany(listOf(DOCUMENT_FIELD_TYPES));
export const WritListSchema = oneOrMany(listOf(WRIT_FIELD_TYPES));
export type ListRule = { table: TableRule; fields: Partial<Record<string, FieldRule>> };

/**
 * One part of a case page, such as the 基本信息, 当事人, 审限变更, 文书 or 电子卷宗目录 tab. A section is read only when
 * its `present` element exists on the page: a page that shows one tab yields a snapshot with that section only,
 * and a section that is absent from the page is absent from the snapshot (it never erases what is stored).
 * A list section that is present but empty yields an empty list.
 */
export const SectionSchema = z.strictObject({
  name: z.string().min(1),
  /** CSS selector of an element that exists only when this section is shown. Default: always present. */
  present: SelectorSchema.optional(),
  fields: CaseFieldsSchema.optional(),
  parties: PartyListSchema.optional(),
  events: EventListSchema.optional(),
  documents: DocumentListSchema.optional(),
  /** The 文书 tab: title, date, status (draft / signed / issued), ref. */
  writs: WritListSchema.optional(),
});
export type Section = z.infer<typeof SectionSchema>;

// ───────────────────────────── the current user ─────────────────────────────

/**
 * Who is logged in, as the page shows it (a banner such as `当前用户：王建国（民一庭 法官）`). Read on every page of
 * the profile; a page that does not show the user (a frame without the banner) simply has no `user` in its result.
 * `name` is needed; `role` (法官, 庭长, 书记员 …) and `division` (民一庭 …) are optional text fields.
 */
export const UserRuleSchema = z.strictObject({
  name: FieldRuleSchema,
  role: FieldRuleSchema.optional(),
  division: FieldRuleSchema.optional(),
});
export type UserRule = z.infer<typeof UserRuleSchema>;

// ───────────────────────────── pages ─────────────────────────────

/**
 * Which URLs are this page. Every condition given must hold; give at least one of `path`, `hash`, `query`, `regex`.
 * Globs: `*` is any text without `/`, `**` any text, `?` one character; the whole value must match. A single
 * trailing `/` on the path is ignored.
 */
export const MatchSchema = z
  .strictObject({
    /** Glob on the URL path, e.g. `"/classic/case/*"`. */
    path: z.string().min(1).optional(),
    /** Glob on the hash without `#`, for single-page apps with hash routing, e.g. `"/cases/*"`. */
    hash: z.string().optional(),
    /** Query parameters that must be present, each a glob on the value, e.g. `{"tab": "parties"}`. */
    query: z.record(z.string(), z.string()).optional(),
    /** Regex on path + query + hash (e.g. `"^/app/cases/\\d+$"`). */
    regex: RegexSchema.optional(),
    /** CSS selector of an element that must exist on the page (checked when reading the page, not by URL detection). */
    selector: SelectorSchema.optional(),
  })
  .refine((m) => m.path !== undefined || m.hash !== undefined || m.query !== undefined || m.regex !== undefined, {
    message: '至少需要 path、hash、query 或 regex 之一',
    path: ['path'],
  });
export type PageMatch = z.infer<typeof MatchSchema>;

export const PageSchema = z
  .strictObject({
    kind: PageKindSchema,
    /** A short name for messages and the options page, e.g. "案件详情·当事人". */
    name: z.string().min(1).optional(),
    match: MatchSchema,
    /** Pages listing cases (case-list, review-list, archive): one case per table row. */
    rows: z
      .strictObject({
        table: TableSchema,
        fields: CaseFieldsSchema,
        /** Where the overlay's badge goes, inside the row (CSS selector). Default: the row itself. */
        anchor: SelectorSchema.optional(),
      })
      .optional(),
    /** Pages showing one case (case-detail, archive): fields found anywhere on the page. */
    fields: CaseFieldsSchema.optional(),
    /** …and its sections / tabs. */
    sections: z.array(SectionSchema).optional(),
    /** Where the overlay mounts on a one-case page (CSS selector). Default: the page body. */
    anchor: SelectorSchema.optional(),
    /** The current user on this page; replaces the profile's `user` rule for this page. */
    user: UserRuleSchema.optional(),
  })
  .superRefine((p, ctx) => {
    if (p.rows && (p.fields || p.sections)) {
      ctx.addIssue({ code: 'custom', path: ['rows'], message: 'rows（列表）与 fields/sections（单个案件）不能同用' });
    }
    if ((p.kind === 'case-list' || p.kind === 'review-list') && !p.rows) {
      ctx.addIssue({ code: 'custom', path: ['rows'], message: '必填（列表页需要 rows）' });
    }
  });
export type PageRule = z.infer<typeof PageSchema>;

// ───────────────────────────── endpoints ─────────────────────────────

/**
 * An HTTP endpoint on the host. `url` is a path (on the page's origin) or a full URL; `{name}` placeholders are
 * filled from the case (`{hostRef}`, `{caseNo}`) and are URL-encoded.
 */
export const EndpointSchema = z.strictObject({
  /** Default: GET for reading, POST for write-back. */
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH']).optional(),
  url: z.string().min(1),
  /** How the body is sent (write-back only). */
  body: z.enum(['json', 'form']).optional(),
  /** Extra request headers (e.g. a CSRF header name → the cookie or meta tag it comes from is up to the adapter). */
  headers: z.record(z.string(), z.string()).optional(),
  /**
   * Write-back: the body's field names, as `{hostField: ourField}` (our fields for a sign-off: decision, opinion,
   * route, signer, role, signedAt; for a flag: kind, reason, by, at). Default: our names.
   * Read: JSON paths (`"data.filing.date"`) for the case fields, as `{ourField: path}`.
   */
  fields: z.record(z.string(), z.string()).optional(),
  /** Read: date format(s) used in the JSON; default `iso`. */
  dateFormat: z.union([DateFormatSchema, z.array(DateFormatSchema).min(1)]).optional(),
});
export type Endpoint = z.infer<typeof EndpointSchema>;

// ───────────────────────────── the profile ─────────────────────────────

export const HostProfileSchema = z.strictObject({
  /** Stable id, lower-case letters, digits and dashes: `demo-classic`, `xx-court-2024`. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, '只能用小写字母、数字和短横线'),
  /** Shown to users: "示范法院办案系统（经典版）". */
  name: z.string().min(1),
  /** The profile's own version, raised by whoever edits it: "1.0.0". */
  version: z.string().min(1),
  description: z.string().optional(),
  /**
   * Where the host system runs: scheme + host + port, no path: `"http://127.0.0.1:5180"`, `"http://10.1.2.3"`.
   * `*` may stand for one host-name label: `"http://*.court.local"`. The extension asks for permission on these.
   */
  origins: z
    .array(
      z
        .string()
        .regex(/^https?:\/\/[^/\s?#]+$/, '应为 http(s)://主机[:端口]，不带路径'),
    )
    .min(1),
  /** Default date format of the host; a field may override it. */
  dateFormat: z.union([DateFormatSchema, z.array(DateFormatSchema).min(1)]).default('iso'),
  /** Texts that mean "no value" in this host (in addition to empty text). Default: - — － / */
  blanks: z.array(z.string()).optional(),
  /** The current user as the pages show it (see UserRuleSchema); a page may override it with its own `user`. */
  user: UserRuleSchema.optional(),
  /** Pages, tried in order: the first whose URL (and `match.selector`) fits is used. */
  pages: z.array(PageSchema).min(1),
  /** Optional JSON endpoints for reading a case directly (used by adapters; the DOM rules above remain the default). */
  read: z
    .strictObject({
      case: EndpointSchema.optional(),
      list: EndpointSchema.optional(),
      /**
       * The host's 阅核 records of a case (`{"url": "/api/cases/{hostRef}/signoffs"}`): a JSON array, or `{items: [...]}`,
       * of sign-offs with the fields decision, opinion, recommendedRoute, reviewer, reviewerRole, reviewedAt,
       * documentRef and clientId. Lets a judge see a sign-off made in another browser.
       */
      signoffs: EndpointSchema.optional(),
    })
    .optional(),
  /**
   * Optional endpoints that record shared truth in the host system. Without them sign-offs and flags stay local,
   * append-only and exportable.
   */
  writeBack: z
    .strictObject({
      /** 阅核 sign-off, e.g. `{"method": "POST", "url": "/api/cases/{hostRef}/signoffs"}` */
      signoff: EndpointSchema.optional(),
      /** Clerk's archive flag, e.g. `{"method": "POST", "url": "/api/cases/{hostRef}/flags"}` */
      flag: EndpointSchema.optional(),
    })
    .optional(),
});
export type HostProfile = z.infer<typeof HostProfileSchema>;
/** What a profile file may omit (defaults filled in by parsing). */
export type HostProfileInput = z.input<typeof HostProfileSchema>;

// ───────────────────────────── parsing with readable errors ─────────────────────────────

const TYPE_ZH: Record<string, string> = {
  string: '文本',
  number: '数字',
  boolean: 'true/false',
  object: '对象 {…}',
  array: '数组 […]',
  literal: '指定值',
};

function issueMessage(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return '必填';
      return `应为${TYPE_ZH[issue.expected] ?? issue.expected}`;
    case 'unrecognized_keys':
      return `未知字段 ${issue.keys.map((k) => `“${k}”`).join('、')}`;
    case 'invalid_value':
      return `应为以下之一：${issue.values.map((v) => JSON.stringify(v)).join(' | ')}`;
    case 'invalid_key':
      return `未知字段`;
    case 'too_small':
      if (issue.origin === 'array') return `至少需要 ${issue.minimum} 项`;
      if (issue.origin === 'string') return input === '' ? '不能为空' : `至少 ${issue.minimum} 个字符`;
      return `不能小于 ${issue.minimum}`;
    case 'invalid_format':
    case 'custom':
      return issue.message;
    case 'invalid_union':
      return '格式不对';
    default:
      return issue.message;
  }
}

/** Flatten zod issues to `path: 中文说明` lines (record-key errors name the bad key). */
export function formatIssues(issues: ReadonlyArray<z.core.$ZodIssue>): string[] {
  const out: string[] = [];
  for (const issue of issues) {
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // Report the alternative that got furthest (the one with the longest path).
      const best = [...issue.errors].sort((a, b) => maxDepth(b) - maxDepth(a))[0];
      out.push(...formatIssues(best.map((i) => ({ ...i, path: [...issue.path, ...i.path] }))));
      continue;
    }
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) out.push(`${formatPath([...issue.path, k])}: 未知字段“${k}”`);
      continue;
    }
    if (issue.code === 'invalid_key') {
      const key = issue.path[issue.path.length - 1];
      out.push(`${formatPath(issue.path)}: 未知字段“${String(key)}”`);
      continue;
    }
    out.push(`${formatPath(issue.path)}: ${issueMessage(issue)}`);
  }
  return out;
}

function maxDepth(issues: ReadonlyArray<z.core.$ZodIssue>): number {
  return issues.reduce((m, i) => Math.max(m, i.path.length), 0);
}

export type ParseProfileResult = { ok: true; profile: HostProfile } | { ok: false; errors: string[] };

/** Validate a profile (already parsed from JSON). Errors carry the path of the bad field: "pages[2].fields.filedOn.selector: 必填". */
export function parseProfile(json: unknown): ParseProfileResult {
  try {
    const r = HostProfileSchema.safeParse(json, { reportInput: true });
    if (r.success) return { ok: true, profile: r.data };
    return { ok: false, errors: formatIssues(r.error.issues) };
  } catch (e) {
    return { ok: false, errors: [`(根): 无法读取配置：${e instanceof Error ? e.message : String(e)}`] };
  }
}

/** Parse profile text (JSON); JSON syntax errors are reported, not thrown. */
export function parseProfileText(text: string): ParseProfileResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`(根): 不是有效的 JSON：${e instanceof Error ? e.message : String(e)}`] };
  }
  return parseProfile(json);
}

/** Fill `{name}` placeholders of an endpoint URL (URL-encoded); unknown names are left as an error marker. */
export function fillUrlTemplate(template: string, vars: Record<string, string | undefined>): string | null {
  let ok = true;
  const out = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = vars[name];
    if (v === undefined || v === '') {
      ok = false;
      return '';
    }
    return encodeURIComponent(v);
  });
  return ok ? out : null;
}

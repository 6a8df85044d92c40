// 质效看板 opening screen: what the dashboard shows before anything else — for the opening view (the widest scope
// the user has, no filter, 本年, the 审限台账 tab) — kept as one small record next to the indicator memo, under the
// same exact key (rows version + inputs, utils/pages/dashboard-data indicatorMemoKey). Another open whose cheap
// check (settings, cache generation, the store's top case revision) gives the same key paints from it
// at once and then loads the rows; the live data replaces it (equal by construction: both come from
// openingScreenOf over the same rows). Pure: no browser API, no storage.
import { z } from 'zod';
import { canonicalJson } from '../domain/audit';
import { deadlineLedger, filterOptions, groupCounts, type DashRow, type Ledger } from './dashboard-ledgers';

/** Bump when anything the opening screen shows is computed differently (ledger cells, order, page size …). */
export const SCREEN_FORMAT = 1;
/** Rows per ledger page (the dashboard's pager). */
export const LEDGER_PAGE = 50;
/** The ledger tab open when the dashboard opens. */
export const OPENING_LEDGER = 'deadlines';

/** One ledger row as the table shows it: the cells as text (null / undefined → empty). */
export interface LedgerPageRow { caseNo: string; url?: string; cells: string[] }

export const cellText = (c: unknown): string => (c === null || c === undefined ? '' : String(c));

/** The rows of one ledger page as shown (the live table and the opening screen use this alike). */
export function ledgerPageRows<T>(ledger: Ledger<T>, rows: T[]): LedgerPageRow[] {
  return rows.map((r) => {
    const url = ledger.urlOf(r);
    const cells = ledger.cells(r).map(cellText);
    return typeof url === 'string' ? { caseNo: ledger.caseNoOf(r), url, cells } : { caseNo: ledger.caseNoOf(r), cells };
  });
}

const Count = z.number().int().nonnegative();
const OpeningScreenSchema = z.object({
  format: z.literal(SCREEN_FORMAT),
  /** every cached case (header: 本机缓存 N 件) */
  rowCount: Count,
  /** cases in the opening scope (header: 当前范围 N 件) */
  scopedCount: Count,
  /** the filter drop-downs' values over the opening scope */
  options: z.object({ divisions: z.array(z.string()), judges: z.array(z.string()), categories: z.array(z.string()), procedures: z.array(z.string()) }),
  ledger: z.object({
    id: z.string(),
    title: z.string(),
    about: z.string(),
    headers: z.array(z.string()),
    total: Count,
    counts: z.array(z.object({ group: z.string(), count: Count })),
    /** the first page, group 全部 */
    page: z.array(z.object({ caseNo: z.string(), url: z.string().optional(), cells: z.array(z.string()) })).max(LEDGER_PAGE),
  }),
});
export type OpeningScreen = z.infer<typeof OpeningScreenSchema>;

/**
 * The opening screen over the rows of the opening scope. `options` and `ledger` may be passed when already
 * computed (the dashboard has them), else they are computed here.
 */
export function openingScreenOf(p: { rowCount: number; scoped: DashRow[]; options?: OpeningScreen['options']; ledger?: Ledger<DashRow> }): OpeningScreen {
  const ledger = p.ledger ?? deadlineLedger(p.scoped);
  return {
    format: SCREEN_FORMAT,
    rowCount: p.rowCount,
    scopedCount: p.scoped.length,
    options: p.options ?? filterOptions(p.scoped),
    ledger: {
      id: ledger.id, title: ledger.title, about: ledger.about, headers: ledger.headers, total: ledger.rows.length,
      counts: groupCounts(ledger), page: ledgerPageRows(ledger, ledger.rows.slice(0, LEDGER_PAGE)),
    },
  };
}

/** A stored opening screen (JSON from the derived cache): validated; anything else → null (not used). */
export function parseOpeningScreen(json: string | undefined): OpeningScreen | null {
  if (typeof json !== 'string') return null;
  try {
    const p = OpeningScreenSchema.safeParse(JSON.parse(json));
    return p.success ? p.data : null;
  } catch {
    return null;
  }
}

/** Equal as shown (key order and absent-vs-undefined members do not count). */
export function sameScreen(a: OpeningScreen, b: OpeningScreen): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

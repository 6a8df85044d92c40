// CSV for Excel and WPS (RFC 4180): UTF-8 with a BOM (without it Excel reads Chinese headers as GBK mojibake),
// CRLF line ends, fields quoted when they hold a comma, quote, CR or LF. Pure: no browser API.
//
// Formula injection (CSV injection): a text cell starting with = + - @ (or a tab / CR, which Excel strips before
// looking for those) is prefixed with a single quote so Excel and WPS show it as text instead of running it.
// Numbers are written as numbers; a negative number is a number, not a formula, and is left alone.

export type CsvCell = string | number | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as CSV text (quoted when needed, formula-safe). */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  let s: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    s = String(value);
  } else {
    s = value;
    if (FORMULA_START.test(s)) s = `'${s}`;
  }
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The whole file as a string starting with U+FEFF; encode with TextEncoder (UTF-8) when saving. */
export function toCsv(headers: string[], rows: CsvCell[][]): string {
  const lines = [headers.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

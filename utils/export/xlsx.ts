// Minimal .xlsx (Office Open XML SpreadsheetML) writer: one sheet, a bold frozen header row, shared strings,
// numbers as numbers, everything else as text (dates stay "YYYY-MM-DD" text, so Excel / WPS never reinterpret
// them as serial numbers or US dates). Works in the browser and in Node. Pure: no browser API.
//
// Library choice: fflate (zero dependencies, ~8 kB min+gz for zipSync) does the zip; the XML is ours. A ready
// writer such as write-excel-file depends on fflate itself and adds its own schema layer we do not need, so
// building the five XML parts directly on fflate is clearly the smaller option.
import { strToU8, zipSync, type Zippable } from 'fflate';

export type XlsxCell = string | number | null | undefined;

// XML 1.0 forbids most C0 controls; drop them rather than produce a file Excel refuses to open.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function xmlText(s: string): string {
  return s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Excel sheet names: ≤ 31 characters, none of [ ] : * ? / \, not empty. */
export function safeSheetName(name: string): string {
  const s = name.replace(/[[\]:*?/\\]/g, '_').replace(INVALID_XML, '').trim().slice(0, 31);
  return s || 'Sheet1';
}

/** Display width in Excel "characters": CJK and other wide characters count double. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{20000}-\u{3FFFD}]/u.test(ch) ? 2 : 1;
  return w;
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;

const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;

// Style 0: default; style 1: bold (header). 等线 is the default CJK font of current Excel; WPS maps it.
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font><font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/**
 * A one-sheet workbook. Strings (including dates written as "YYYY-MM-DD") are text cells, finite numbers are
 * numeric cells, null / undefined / NaN leave the cell empty.
 */
export async function toXlsx(sheetName: string, headers: string[], rows: XlsxCell[][]): Promise<Uint8Array> {
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  let stringRefs = 0;
  const sst = (s: string): number => {
    stringRefs++;
    let i = stringIndex.get(s);
    if (i === undefined) { i = strings.length; strings.push(s); stringIndex.set(s, i); }
    return i;
  };

  const ncols = rows.reduce((m, r) => Math.max(m, r.length), Math.max(headers.length, 1));
  const widths = new Array<number>(ncols).fill(8);
  const cols = Array.from({ length: ncols }, (_, c) => columnName(c));
  const sheetRows: string[] = [];
  const all: XlsxCell[][] = [headers, ...rows];
  for (let r = 0; r < all.length; r++) {
    const row = all[r];
    const cells: string[] = [];
    const style = r === 0 ? ' s="1"' : '';
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      const ref = `${cols[c]}${r + 1}`;
      if (typeof v === 'number') {
        if (!Number.isFinite(v)) continue;
        cells.push(`<c r="${ref}"${style}><v>${v}</v></c>`);
        widths[c] = Math.max(widths[c], String(v).length + 2);
      } else if (typeof v === 'string' && v !== '') {
        cells.push(`<c r="${ref}"${style} t="s"><v>${sst(v)}</v></c>`);
        if (widths[c] < 60) widths[c] = Math.min(60, Math.max(widths[c], displayWidth(v) + 2));
      }
    }
    sheetRows.push(`<row r="${r + 1}">${cells.join('')}</row>`);
  }

  const lastRef = `${cols[ncols - 1]}${all.length}`;
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1:${lastRef}"/><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols><sheetData>${sheetRows.join('')}</sheetData></worksheet>`;

  const workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${xmlText(safeSheetName(sheetName))}" sheetId="1" r:id="rId1"/></sheets></workbook>`;

  const shared = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${stringRefs}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t xml:space="preserve">${xmlText(s)}</t></si>`).join('')}</sst>`;

  const files: Zippable = {
    '[Content_Types].xml': strToU8(CONTENT_TYPES),
    '_rels/.rels': strToU8(ROOT_RELS),
    'xl/workbook.xml': strToU8(workbook),
    'xl/_rels/workbook.xml.rels': strToU8(WORKBOOK_RELS),
    'xl/styles.xml': strToU8(STYLES),
    'xl/sharedStrings.xml': strToU8(shared),
    'xl/worksheets/sheet1.xml': strToU8(sheet),
  };
  // Fixed entry timestamp: no clock read, and the same data gives the same bytes on a given machine.
  return zipSync(files, { level: 6, mtime: new Date(Date.UTC(2024, 0, 1)) });
}

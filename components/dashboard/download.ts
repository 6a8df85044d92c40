// Browser downloads from extension pages: a Blob and a temporary <a download> (no downloads permission needed).
import { toCsv, type CsvCell } from '../../utils/export/csv';
import { toXlsx } from '../../utils/export/xlsx';

export function saveBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  // removed later: Chromium reads the download name after the click handler returns
  setTimeout(() => { a.remove(); }, 1000);
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** File-name safe text (Windows forbids \ / : * ? " < > |). */
export const safeName = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '_');

export function downloadCsv(name: string, headers: string[], rows: CsvCell[][]): void {
  saveBlob(`${safeName(name)}.csv`, new Blob([toCsv(headers, rows)], { type: 'text/csv;charset=utf-8' }));
}

export async function downloadXlsx(name: string, sheet: string, headers: string[], rows: Array<Array<string | number | null>>): Promise<void> {
  const bytes = await toXlsx(sheet, headers, rows);
  saveBlob(`${safeName(name)}.xlsx`, new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
}

export function downloadText(name: string, text: string, type: string): void {
  saveBlob(safeName(name), new Blob([text], { type }));
}

// 书记员归档台账 (popup): closed cases not yet archived, longest waiting first, with the days since 结案, the
// archive countdown state and the number of missing items; export to .xlsx / .csv with Chinese headers.
import { useState } from 'preact/hooks';
import { toCsv } from '../../utils/export/csv';
import { toXlsx } from '../../utils/export/xlsx';
import { COUNTDOWN_LABEL, LEDGER_HEADERS, ledgerTable, type LedgerRow } from '../../utils/views/archive-summary';

export interface ClerkLedgerProps {
  rows: LedgerRow[];
  today: string;
  /** saves a file (default: a temporary download link) */
  download?: (filename: string, blob: Blob) => void;
}

function defaultDownload(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The two export files for a ledger (pure apart from Blob): names carry the date. */
export async function ledgerFiles(rows: LedgerRow[], today: string): Promise<{ xlsx: { name: string; blob: Blob }; csv: { name: string; blob: Blob } }> {
  const table = ledgerTable(rows);
  const xlsx = await toXlsx('归档台账', LEDGER_HEADERS, table);
  const csv = toCsv(LEDGER_HEADERS, table);
  return {
    xlsx: { name: `归档台账-${today}.xlsx`, blob: new Blob([xlsx as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }) },
    csv: { name: `归档台账-${today}.csv`, blob: new Blob([new TextEncoder().encode(csv)], { type: 'text/csv;charset=utf-8' }) },
  };
}

const LEVEL: Record<LedgerRow['state'], string> = { 'not-closed': 'none', ok: 'ok', due: 'warning', overdue: 'overdue', archived: 'closed-in-time' };

export function ClerkLedger({ rows, today, download = defaultDownload }: ClerkLedgerProps) {
  const [error, setError] = useState<string | null>(null);
  const save = async (kind: 'xlsx' | 'csv') => {
    setError(null);
    try {
      const files = await ledgerFiles(rows, today);
      download(files[kind].name, files[kind].blob);
    } catch (err) {
      setError(`导出失败：${(err as Error).message}`);
    }
  };
  return (
    <section data-group="archive-ledger">
      <h2>待归档（{rows.length}）</h2>
      {rows.length === 0 && <p class="muted">本机缓存中没有已结案未归档的案件。</p>}
      {rows.length > 0 && (
        <>
          <div class="tabs">
            <button type="button" data-zx="ledger-xlsx" onClick={() => void save('xlsx')}>导出 Excel</button>
            <button type="button" data-zx="ledger-csv" onClick={() => void save('csv')}>导出 CSV</button>
          </div>
          <ul class="cases">
            {rows.map((r) => (
              <li data-case-no={r.caseNo} data-missing={r.missingCount ?? ''}>
                <span class={`pill pill-${LEVEL[r.state]}`}
                  title={`${COUNTDOWN_LABEL[r.state]}${r.warnOn ? `；${r.warnOn} 起预警，${r.overdueOn} 起逾期` : ''}`}>
                  {r.daysSinceClosed !== null ? `结案 ${r.daysSinceClosed} 天` : '结案日期未知'}
                </span>
                {r.url ? <a href={r.url} target="_blank" rel="noopener noreferrer">{r.caseNo}</a> : <span>{r.caseNo}</span>}
                <span class="cause" title={r.missing.join('、') || r.problem || ''}>
                  {r.missingCount === null ? (r.problem === '无适用清单' ? '无适用清单' : '目录未读') : r.missingCount ? `缺 ${r.missingCount} 项` : '未发现缺项'}
                  {r.unsyncedFlags > 0 ? ` · ${r.unsyncedFlags} 条标记未同步` : ''}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {error && <p class="error">{error}</p>}
    </section>
  );
}

// 案例库导入: JSON lines (benchmark format) or 人民法院案例库 entries (标题、副标题、关键词、基本案情、裁判理由、裁判要旨、关联索引 …),
// one JSON object per line. Bad lines are listed by line number while the rest import; re-importing an entry updates it.
import { useEffect, useState } from 'preact/hooks';

export type CorpusFormat = 'jsonl' | 'caselib';

export interface CorpusImportReport {
  total: number;
  added: number;
  updated: number;
  unchanged: number;
  errors: Array<{ line: number; message: string }>;
}

export interface CorpusBackend {
  /** Entries stored locally, and per tier ①–④ */
  stats(): Promise<{ docs: number; perTier: Record<number, number> }>;
  import(text: string, format: CorpusFormat): Promise<CorpusImportReport>;
}

/** 人民法院案例库 lines use Chinese keys (标题 / 基本案情); JSON lines use id / text. */
export function guessFormat(text: string): CorpusFormat {
  const first = text.split(/\r?\n/).find((l) => l.trim()) ?? '';
  return /"(标题|基本案情|裁判要旨|入库编号)"\s*:/.test(first) || /"facts"\s*:/.test(first) ? 'caselib' : 'jsonl';
}

const MAX_SHOWN_ERRORS = 200;

export function CorpusSection({ backend }: { backend: CorpusBackend }) {
  const [stats, setStats] = useState<{ docs: number; perTier: Record<number, number> } | null>(null);
  const [text, setText] = useState('');
  const [format, setFormat] = useState<'auto' | CorpusFormat>('auto');
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<CorpusImportReport | null>(null);
  const [failure, setFailure] = useState('');
  const reload = () => backend.stats().then(setStats, (e: Error) => setFailure(e.message));
  useEffect(() => void reload(), []);

  const onFile = async (e: Event) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file) setText(await file.text());
  };
  const run = async () => {
    setBusy(true);
    setFailure('');
    setReport(null);
    try {
      setReport(await backend.import(text, format === 'auto' ? guessFormat(text) : format));
      void reload();
    } catch (err) {
      setFailure(`导入失败：${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section data-section="corpus">
      <h2>案例库导入（类案检索）</h2>
      <p class="muted">
        每行一个 JSON 对象：人民法院案例库条目（标题、副标题、关键词、基本案情、裁判理由、裁判要旨、关联索引，可含 入库编号、案号、法院、裁判日期、层级、案由/罪名、法条、审委会讨论），
        或 JSON lines（id、title、text、charges、cause、statutes、court、tier、date）。同一编号再次导入即更新。仅导入公开的案例库材料。
      </p>
      <p data-zx="corpus-stats">
        {stats
          ? `本地案例库共 ${stats.docs} 件（① ${stats.perTier[1] ?? 0}，② ${stats.perTier[2] ?? 0}，③ ${stats.perTier[3] ?? 0}，④ ${stats.perTier[4] ?? 0}）`
          : '正在读取案例库…'}
      </p>
      <div class="row">
        <input type="file" accept=".jsonl,.json,.txt,.ndjson" onChange={(e) => void onFile(e)} />
        <label>
          格式{' '}
          <select value={format} data-zx="corpus-format" onChange={(e) => setFormat((e.target as HTMLSelectElement).value as 'auto' | CorpusFormat)}>
            <option value="auto">自动识别</option>
            <option value="caselib">人民法院案例库条目</option>
            <option value="jsonl">JSON lines</option>
          </select>
        </label>
      </div>
      <textarea data-zx="corpus-text" rows={8} value={text} placeholder='{"标题":"…","基本案情":"…","裁判要旨":"…"}' onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
      <div class="row">
        <button type="button" data-zx="corpus-import" disabled={busy || !text.trim()} onClick={() => void run()}>{busy ? '导入中…' : '导入'}</button>
      </div>
      {failure && <p class="error">{failure}</p>}
      {report && (
        <div data-zx="corpus-report">
          <p>
            共 {report.total} 行：新增 {report.added} 件，更新 {report.updated} 件，未变 {report.unchanged} 件，出错 {report.errors.length} 行
            {report.errors.length ? '（其余行已导入）' : ''}。
          </p>
          {report.errors.length > 0 && (
            <ul class="error" data-zx="corpus-errors">
              {report.errors.slice(0, MAX_SHOWN_ERRORS).map((e) => (
                <li data-line={e.line}>第 {e.line} 行：{e.message}</li>
              ))}
              {report.errors.length > MAX_SHOWN_ERRORS && <li>……另有 {report.errors.length - MAX_SHOWN_ERRORS} 行出错</li>}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

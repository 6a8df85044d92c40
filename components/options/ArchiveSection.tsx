// 归档清单: the 立卷归档 material lists (domain.md §11.2) as JSON. The court can export the table in use, edit it,
// upload or paste it back, validate, save and reset to the built-in table.
import { useEffect, useState } from 'preact/hooks';
import type { ArchiveTable } from '../../utils/rules/archive';

export interface ArchiveTableInfo {
  table: ArchiveTable;
  source: 'default' | 'custom';
  error?: string;
}

export interface ArchiveBackend {
  load(): Promise<ArchiveTableInfo>;
  /** Synchronous validation; errors carry their paths (e.g. `lists[0].items[3].titles`). */
  validate(text: string): { ok: true; table: ArchiveTable } | { ok: false; errors: string[] };
  save(table: ArchiveTable): Promise<void>;
  reset(): Promise<void>;
}

export function ArchiveSection({ backend }: { backend: ArchiveBackend }) {
  const [info, setInfo] = useState<ArchiveTableInfo | null>(null);
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [message, setMessage] = useState('');
  const reload = () => backend.load().then(setInfo, (e: Error) => setErrors([e.message]));
  useEffect(() => void reload(), []);

  const onValidate = () => {
    setMessage('');
    const r = backend.validate(text);
    setErrors(r.ok ? [] : r.errors);
    if (r.ok) setMessage(`校验通过：${r.table.lists.length} 份清单，共 ${r.table.lists.reduce((n, l) => n + l.items.length, 0)} 项材料。`);
  };
  const onSave = async () => {
    setMessage('');
    const r = backend.validate(text);
    if (!r.ok) return setErrors(r.errors);
    setErrors([]);
    try {
      await backend.save(r.table);
    } catch (err) {
      return setErrors([(err as Error).message]);
    }
    setMessage(`已保存本院归档清单（版本 ${r.table.version}）。`);
    void reload();
  };
  const onReset = async () => {
    setErrors([]);
    await backend.reset();
    setMessage('已恢复内置归档清单。');
    void reload();
  };
  const onFile = async (e: Event) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file) setText(await file.text());
  };
  const onLoadCurrent = () => {
    if (info) setText(JSON.stringify(info.table, null, 2));
  };

  return (
    <section data-section="archive-table">
      <h2>归档清单</h2>
      <p class="muted">
        立卷归档核对按案件类型选用清单（材料名称、目录标题的各种写法、何时必备、依据），并设定归档期限（结案后预警天数、逾期月数）。
        可在此导入本院清单（JSON）；无效的清单不会保存。
      </p>
      {info && (
        <p data-zx="archive-table-status">
          当前使用：{info.source === 'custom' ? `本院清单（版本 ${info.table.version}）` : `内置清单（版本 ${info.table.version}）`}，
          {info.table.lists.length} 份清单；结案后 {info.table.countdown.warnDays} 日预警，{info.table.countdown.overdueMonths} 个月逾期。
        </p>
      )}
      {info?.error && <p class="error">{info.error}</p>}
      <div class="row">
        <button type="button" onClick={onLoadCurrent} disabled={!info}>载入当前清单以编辑</button>
        {info && <a href={`data:application/json;charset=utf-8,${encodeURIComponent(JSON.stringify(info.table, null, 2))}`} download="archive-table.json">导出当前清单</a>}
        <label>上传 JSON 文件：<input type="file" accept=".json,application/json" data-zx="archive-file" onChange={(e) => void onFile(e)} /></label>
      </div>
      <textarea data-zx="archive-json" rows={12} style="width:100%;font-family:monospace" placeholder="在此粘贴归档清单 JSON" value={text}
        onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
      <div class="row">
        <button type="button" onClick={onValidate} disabled={!text.trim()}>校验</button>
        <button type="button" class="primary" data-zx="archive-save" onClick={() => void onSave()} disabled={!text.trim()}>保存</button>
        <button type="button" data-zx="archive-reset" onClick={() => void onReset()} disabled={info?.source !== 'custom' && !info?.error}>恢复内置清单</button>
      </div>
      {errors.length > 0 && (
        <ul class="error" data-zx="archive-errors">{errors.map((e) => <li>{e}</li>)}</ul>
      )}
      {message && <p data-zx="archive-message">{message}</p>}
    </section>
  );
}

// 备份与恢复: the whole database as one versioned JSON file, a validated restore that merges (never wipes, writes
// nothing when the file is invalid) and reports counts per table, and 清除案件缓存 (sign-offs and the audit log stay).
import { useState } from 'preact/hooks';
import type { BackupBackend } from '../../utils/pages/settings-backend';
import type { ImportResult } from '../../utils/store';

const TABLE_LABEL: Record<string, string> = {
  cases: '案件', events: '审限变更', parties: '当事人', documents: '卷宗材料', signoffs: '阅核记录', marks: '四类标记',
  flags: '归档标记', audit: '监管日志', settings: '设置', outbox: '待写回',
};

export function BackupSection({ backend, save }: { backend: BackupBackend; save: (name: string, text: string) => void }) {
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (f: () => Promise<void>) => {
    setBusy(true);
    try { await f(); } catch (e) { setMsg({ ok: false, text: e instanceof Error ? e.message : String(e) }); } finally { setBusy(false); }
  };
  const onExport = () => run(async () => {
    const { text, counts, name } = await backend.exportText();
    save(name, text);
    setMsg({ ok: true, text: `已导出：${Object.entries(counts).map(([k, n]) => `${TABLE_LABEL[k] ?? k} ${n}`).join('，')}` });
  });
  const onFile = (file: File | undefined) => file && run(async () => {
    setResult(null);
    const r = await backend.restore(await file.text());
    setResult(r);
    setMsg(r.ok ? { ok: true, text: '恢复完成（与本机数据合并，未删除任何记录）' } : { ok: false, text: `恢复失败，本机数据未改动：${r.error}` });
  });
  const onClear = () => run(async () => {
    if (!confirm('清除本机缓存的案件数据（案件、当事人、审限变更、卷宗材料）？阅核记录、四类标记、归档标记、监管日志和设置会保留；重新打开办案系统页面即可再次缓存。')) return;
    await backend.clearCases();
    setMsg({ ok: true, text: '已清除案件缓存；阅核记录、标记、监管日志和设置已保留' });
  });
  return (
    <section class="options-section" data-section="backup">
      <h2>备份与恢复</h2>
      <p class="muted">备份文件包含本机全部数据（含数据库版本号）；恢复时先完整校验，校验不通过则不写入任何数据；校验通过后与本机数据合并，不会删除本机已有记录。</p>
      <button type="button" data-action="backup-export" disabled={busy} onClick={() => void onExport()}>导出备份（.json）</button>
      {' '}<label>恢复备份 <input type="file" accept=".json,application/json" data-action="backup-restore" disabled={busy} onChange={(e) => void onFile((e.target as HTMLInputElement).files?.[0])} /></label>
      {' '}<button type="button" data-action="clear-cases" disabled={busy} onClick={() => void onClear()}>清除案件缓存</button>
      {msg && <p class={msg.ok ? 'muted' : 'error'} data-backup-message>{msg.text}</p>}
      {result?.ok && (
        <table class="zx-table" data-restore-counts>
          <thead><tr><th>数据</th><th>新增</th><th>合并更新</th><th>已存在</th></tr></thead>
          <tbody>{Object.entries(result.tables).map(([k, c]) => <tr data-table={k}><td>{TABLE_LABEL[k] ?? k}</td><td>{c.added}</td><td>{c.updated}</td><td>{c.unchanged}</td></tr>)}</tbody>
        </table>
      )}
    </section>
  );
}

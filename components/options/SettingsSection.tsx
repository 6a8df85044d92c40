// 规则与阈值: JSON editors for the rule overrides (each validated with its zod schema before saving), the 归档期限
// form and the notification switch. Props in → markup out: all data access through `backend`.
import { useEffect, useState } from 'preact/hooks';
import type { JsonSetting, SettingsBackend } from '../../utils/pages/settings-backend';

export function SettingsSection({ backend }: { backend: SettingsBackend }) {
  return (
    <section class="options-section" data-section="settings">
      <h2>规则、阈值与通知</h2>
      <NotifySwitch backend={backend} />
      <ArchiveCountdown backend={backend} />
      {backend.settings.map((s) => <JsonSettingEditor setting={s} backend={backend} />)}
    </section>
  );
}

function NotifySwitch({ backend }: { backend: SettingsBackend }) {
  const [on, setOn] = useState<boolean | null>(null);
  useEffect(() => void backend.notificationsEnabled().then(setOn), []);
  if (on === null) return null;
  return (
    <div data-setting="notifications">
      <h3>系统通知</h3>
      <label><input type="checkbox" checked={on} data-control="notifications" onChange={(e) => {
        const v = (e.target as HTMLInputElement).checked;
        void backend.setNotificationsEnabled(v).then(() => setOn(v));
      }} /> 案件临近届满、已超审限及新的待阅核时发送系统通知（每案每个等级最多一次；每日一次及浏览器启动时检查）</label>
    </div>
  );
}

function ArchiveCountdown({ backend }: { backend: SettingsBackend }) {
  const [warn, setWarn] = useState('');
  const [months, setMonths] = useState('');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const reload = () => backend.archiveCountdown().then((c) => { setWarn(String(c.warnDays)); setMonths(String(c.overdueMonths)); });
  useEffect(() => void reload(), []);
  const save = async () => {
    const w = Number(warn), m = Number(months);
    if (!Number.isInteger(w) || w < 0 || !Number.isInteger(m) || m < 0) { setMsg({ ok: false, text: '请填写非负整数' }); return; }
    const r = await backend.saveArchiveCountdown(w, m);
    setMsg(r.ok ? { ok: true, text: '已保存' } : { ok: false, text: r.errors.join('；') });
  };
  return (
    <div data-setting="archive-countdown">
      <h3>归档期限</h3>
      <label>结案后 <input type="number" min="0" value={warn} onInput={(e) => setWarn((e.target as HTMLInputElement).value)} size={4} /> 日起提示，</label>
      <label><input type="number" min="0" value={months} onInput={(e) => setMonths((e.target as HTMLInputElement).value)} size={3} /> 个月起逾期</label>
      {' '}<button type="button" onClick={() => void save()}>保存</button>
      {msg && <span class={msg.ok ? 'muted' : 'error'}> {msg.text}</span>}
      <p class="muted">无全国统一期限，默认结案后 30 日提示、3 个月逾期（domain.md §11.4），请按本院规定设置。归档清单本身在“归档清单”一节编辑。</p>
    </div>
  );
}

function JsonSettingEditor({ setting, backend }: { setting: JsonSetting; backend: SettingsBackend }) {
  const [text, setText] = useState('');
  const [custom, setCustom] = useState(false);
  const [stateError, setStateError] = useState<string | undefined>();
  const [errors, setErrors] = useState<string[]>([]);
  const [saved, setSaved] = useState('');
  const reload = () => backend.load(setting.key).then((s) => {
    setCustom(s.stored !== undefined);
    setStateError(s.error);
    setText(JSON.stringify(s.stored ?? setting.template, null, 2));
  });
  useEffect(() => void reload(), []);
  const save = async () => {
    setSaved('');
    const r = await backend.save(setting.key, text);
    if (r.ok) { setErrors([]); setSaved('已验证并保存，刷新办案系统页面后生效'); await reload(); } else setErrors(r.errors);
  };
  const reset = async () => { await backend.reset(setting.key); setErrors([]); setSaved('已恢复内置设置'); await reload(); };
  return (
    <details data-setting={setting.key}>
      <summary><strong>{setting.title}</strong> <span class="muted">{custom ? '（本院设置）' : '（内置设置）'}</span></summary>
      <p class="muted">{setting.about}</p>
      {stateError && <p class="error">{stateError}</p>}
      <textarea rows={14} cols={100} spellcheck={false} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
      <div>
        <button type="button" data-action="save" onClick={() => void save()}>验证并保存</button>
        {' '}<button type="button" data-action="reset" onClick={() => void reset()}>恢复内置</button>
        {saved && <span class="muted"> {saved}</span>}
      </div>
      {errors.length > 0 && <ul class="error" data-errors>{errors.map((e) => <li>{e}</li>)}</ul>}
    </details>
  );
}

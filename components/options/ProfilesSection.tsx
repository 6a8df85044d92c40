// 站点配置: list, import, edit, validate and export host profiles. Saving asks the browser for the profile's
// origins (optional host permissions) — the extension runs only where the user granted it.
import { useEffect, useState } from 'preact/hooks';
import type { HostProfile } from '../../utils/host/profile';

export interface ProfileListing {
  builtin: HostProfile[];
  user: HostProfile[];
  invalid: Array<{ id: string; errors: string[] }>;
}

export interface ProfilesBackend {
  list(): Promise<ProfileListing>;
  /** Synchronous validation; the errors carry field paths (e.g. `pages[2].fields.filedOn.selector`). */
  validate(text: string): { ok: true; profile: HostProfile } | { ok: false; errors: string[] };
  save(profile: HostProfile): Promise<void>;
  remove(id: string): Promise<void>;
  /** Must run inside the click handler (the browser requires a user gesture). */
  requestOrigins(profile: HostProfile): Promise<boolean>;
}

export function ProfilesSection({ backend }: { backend: ProfilesBackend }) {
  const [listing, setListing] = useState<ProfileListing | null>(null);
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [message, setMessage] = useState('');
  const reload = () => backend.list().then(setListing, (e: Error) => setErrors([e.message]));
  useEffect(() => void reload(), []);

  const onSave = async () => {
    setErrors([]);
    setMessage('');
    const r = backend.validate(text);
    if (!r.ok) {
      setErrors(r.errors);
      return;
    }
    try {
      await backend.save(r.profile);
    } catch (err) {
      setErrors([(err as Error).message]);
      return;
    }
    // Still within the click's user activation: the browser may show its permission prompt now. The profile is
    // already saved; the answer only decides whether it runs on that site yet.
    const name = r.profile.name;
    setMessage(`已保存“${name}”，正在请求站点授权…`);
    backend.requestOrigins(r.profile).then(
      (granted) => setMessage(granted ? `已保存“${name}”，已获得站点授权。` : `已保存“${name}”，但未获得站点授权：授权后才会在该站点运行。`),
      () => setMessage(`已保存“${name}”，但未获得站点授权：授权后才会在该站点运行。`),
    );
    setText('');
    void reload();
  };
  const onFile = async (e: Event) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file) setText(await file.text());
  };

  return (
    <section data-section="profiles">
      <h2>站点配置（办案系统适配）</h2>
      <p class="muted">每个站点配置说明如何读取一个办案系统的页面。格式见 utils/host/README.md。</p>
      {listing && (
        <table class="list">
          <thead><tr><th>名称</th><th>标识</th><th>站点</th><th>来源</th><th /></tr></thead>
          <tbody>
            {listing.builtin.map((p) => <ProfileRow profile={p} builtin />)}
            {listing.user.map((p) => (
              <ProfileRow profile={p} onEdit={() => setText(JSON.stringify(p, null, 2))}
                onDelete={async () => { await backend.remove(p.id); void reload(); }} />
            ))}
          </tbody>
        </table>
      )}
      {listing?.invalid.map((bad) => (
        <p class="error">已保存的配置“{bad.id}”无法通过校验：{bad.errors.join('；')}</p>
      ))}
      <h3>导入或编辑</h3>
      <input type="file" accept=".json,application/json" onChange={(e) => void onFile(e)} />
      <textarea data-field="profile-json" rows={14} style="width:100%;font-family:monospace" value={text}
        onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} placeholder="粘贴站点配置 JSON" />
      <div><button type="button" onClick={() => void onSave()}>校验并保存</button></div>
      {errors.length > 0 && (
        <div class="error" data-zx="profile-errors">
          <strong>配置未保存：</strong>
          <ul>{errors.map((e) => <li>{e}</li>)}</ul>
        </div>
      )}
      {message && <p data-zx="profile-message">{message}</p>}
    </section>
  );
}

function ProfileRow({ profile, builtin, onEdit, onDelete }: {
  profile: HostProfile; builtin?: boolean; onEdit?: () => void; onDelete?: () => void;
}) {
  const exportHref = `data:application/json;charset=utf-8,${encodeURIComponent(JSON.stringify(profile, null, 2))}`;
  return (
    <tr data-profile-id={profile.id}>
      <td>{profile.name}</td>
      <td>{profile.id}</td>
      <td>{profile.origins.join('，')}</td>
      <td>{builtin ? '内置' : '导入'}</td>
      <td>
        <a href={exportHref} download={`${profile.id}.json`}>导出</a>
        {onEdit && <> · <a href="#" onClick={(e) => { e.preventDefault(); onEdit(); }}>编辑</a></>}
        {onDelete && <> · <a href="#" onClick={(e) => { e.preventDefault(); onDelete(); }}>删除</a></>}
      </td>
    </tr>
  );
}

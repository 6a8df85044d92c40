// 阅核 sign-off form (domain.md §9.2–§9.3): 同意 / 有意见, opinion (required with 有意见), recommended route.
// It has no field that changes the panel's result, and says so. Props in → markup out: the parent sends.
import { useRef, useState } from 'preact/hooks';

export type SignoffDecision = '同意' | '有意见';
export type SignoffRoute = '复议' | '专业法官会议' | '审委会';

export interface SignoffRequest {
  /** generated once per form: a double click or a retry sends the same id */
  clientId: string;
  decision: SignoffDecision;
  opinion: string;
  recommendedRoute: SignoffRoute | null;
}

export interface SignoffFormProps {
  reviewer: string;
  role: string;
  documentTitle: string;
  triggers: string[];
  /** resolves to an error text (refused) or null (stored) */
  onSubmit(req: SignoffRequest): Promise<string | null>;
  newId?: () => string;
}

const ROUTES: SignoffRoute[] = ['复议', '专业法官会议', '审委会'];

const defaultId = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `s-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/** Checks what the form can check itself; the background checks again (SignoffSchema, identity, scope). */
export function validateSignoff(decision: SignoffDecision | null, opinion: string, route: SignoffRoute | null): string | null {
  if (!decision) return '请选择阅核结论：同意或有意见';
  if (decision === '有意见') {
    if (!opinion.trim()) return '结论为「有意见」时必须填写具体意见';
    if (!route) return '结论为「有意见」时必须选择建议途径：复议、专业法官会议或审委会';
  }
  return null;
}

export function SignoffForm(props: SignoffFormProps) {
  const clientId = useRef<string>((props.newId ?? defaultId)());
  const [decision, setDecision] = useState<SignoffDecision | null>(null);
  const [opinion, setOpinion] = useState('');
  const [route, setRoute] = useState<SignoffRoute | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const problem = validateSignoff(decision, opinion, route);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const err = await props.onSubmit({
        clientId: clientId.current, decision: decision!, opinion: opinion.trim(), recommendedRoute: decision === '有意见' ? route : null,
      });
      if (err) setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="zx-signoff" data-zx="signoff-form" onSubmit={submit}>
      <h4>阅核意见 · {props.documentTitle}</h4>
      <p class="zx-muted" data-zx="no-change-notice">
        阅核不是审批：阅核人不能变更承办法官、合议庭的合议结果。有不同意见的，只能建议复议、提交专业法官会议讨论或经院领导提交审判委员会。
      </p>
      <p class="zx-muted">阅核人：{props.reviewer}（{props.role}）　阅核事由：{props.triggers.join('、') || '—'}</p>
      <div class="zx-row" role="radiogroup" aria-label="阅核结论">
        {(['同意', '有意见'] as SignoffDecision[]).map((d) => (
          <label>
            <input type="radio" name="zx-decision" value={d} checked={decision === d} onChange={() => setDecision(d)} /> {d}
          </label>
        ))}
      </div>
      {decision === '有意见' && (
        <div data-zx="opinion-block">
          <label>
            具体意见（必填）
            <textarea name="opinion" rows={3} value={opinion} onInput={(e) => setOpinion((e.target as HTMLTextAreaElement).value)} />
          </label>
          <div class="zx-row" role="radiogroup" aria-label="建议途径">
            建议途径：
            {ROUTES.map((r) => (
              <label>
                <input type="radio" name="zx-route" value={r} checked={route === r} onChange={() => setRoute(r)} /> {r}
              </label>
            ))}
          </div>
        </div>
      )}
      {error && <p class="zx-error" role="alert" data-zx="signoff-error">{error}</p>}
      <button type="submit" class="zx-primary" disabled={busy} data-zx="signoff-submit">{busy ? '提交中…' : '提交阅核意见'}</button>
    </form>
  );
}

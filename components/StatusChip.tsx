// The small honest status in the page corner: what was recognised, how many cases are cached, what is missing.
import { useState } from 'preact/hooks';
import { t, type MessageKey } from '../utils/i18n';

export interface StatusChipProps {
  state: 'working' | 'recognized' | 'unrecognized' | 'error';
  pageKind?: string;
  casesCached?: number;
  missing?: string[];
  errors?: string[];
  message?: string;
}

/** Chrome message names allow only [A-Za-z0-9_@]: case-list → pageKind_caseList. */
function pageKindKey(kind: string): MessageKey {
  return `pageKind_${kind.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())}` as MessageKey;
}

export function StatusChip(props: StatusChipProps) {
  const [open, setOpen] = useState(false);
  const missing = props.missing ?? [];
  const errors = props.errors ?? [];
  const problems = missing.length + errors.length;
  const kindLabel = props.pageKind ? t(pageKindKey(props.pageKind)) : '';
  let text: string;
  if (props.state === 'working') text = t('statusWorking');
  else if (props.state === 'unrecognized') text = t('statusUnrecognized');
  else if (props.state === 'error') text = t('statusBackgroundError', props.message ?? '');
  else text = t('statusRecognized', kindLabel, props.casesCached ?? 0);
  const cls = props.state === 'recognized' ? (problems ? 'zx-chip zx-chip-warn' : 'zx-chip') : 'zx-chip zx-chip-muted';
  return (
    <div class="zx">
      <div class={cls} role="status" data-state={props.state} data-page-kind={props.pageKind ?? ''}
        onClick={() => setOpen(!open)} title={props.message}>
        <span>{text}</span>
        {missing.length > 0 && <span> · {t('statusMissing', missing.length)}</span>}
        {errors.length > 0 && <span> · {t('statusErrors', errors.length)}</span>}
        {open && problems > 0 && (
          <ul>
            {missing.map((m) => <li>{t('missingFields')}：{m}</li>)}
            {errors.map((e) => <li>{e}</li>)}
          </ul>
        )}
      </div>
    </div>
  );
}

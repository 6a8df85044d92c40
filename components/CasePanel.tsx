// The 审限 panel on the case page: due date, days left, the timeline, every warning with its reason and basis,
// and a what-if control that shows a new due date for a hypothetical extension or deduction (nothing is saved).
import { useState } from 'preact/hooks';
import type { CaseView } from '../utils/views/case-view';
import { CountdownBadge } from './CountdownBadge';

export type WhatIfEvent =
  | { kind: 'extension'; on: string; months?: number; days?: number }
  | { kind: 'deduction'; reason: string; from: string; to?: string };

export interface CasePanelProps {
  view: CaseView;
  today: string;
  onWhatIf?: (events: WhatIfEvent[]) => Promise<CaseView | string>;
}

export function CasePanel({ view, today, onWhatIf }: CasePanelProps) {
  const d = view.deadline;
  return (
    <div class="zx zx-panel" data-zx-panel="deadline">
      <h3>
        审限 · {view.caseNo}
        <CountdownBadge level={view.badge.level} daysLeft={view.badge.daysLeft} title={view.badge.title} tags={view.tags} />
      </h3>
      {view.problems.length > 0 && (
        <div class="zx-error" data-zx="problems">
          <strong>无法计算：</strong>
          <ul>{view.problems.map((p) => <li>{p}</li>)}</ul>
        </div>
      )}
      {d && (
        <table data-zx="deadline-summary">
          <tbody>
            <tr><th>起算日</th><td>{d.startOn}</td><th>审限届满日</th><td data-zx="due-on">{d.dueOn ?? '无法定审限'}</td></tr>
            {d.dueOnAdjusted && d.dueOnAdjusted !== d.dueOn && (
              <tr><th>法定节假日顺延至</th><td colSpan={3}>{d.dueOnAdjusted}（仅供参考，倒计时按届满日计算）</td></tr>
            )}
            <tr>
              <th>剩余天数</th><td data-zx="days-left">{d.daysLeft ?? '—'}</td>
              <th>延长 / 扣除</th><td>{fmtExtension(d.extendedMonths, d.extendedDays)} / {d.deductedDays} 天</td>
            </tr>
            {view.leadTimes && (
              <tr><th>延长申请</th><td colSpan={3}>
                如需延长审限，请于 {view.leadTimes.applyBy} 前提交申请；{view.leadTimes.approver}须于 {view.leadTimes.decideBy} 前作出决定
              </td></tr>
            )}
            <tr><th>依据</th><td colSpan={3} data-zx="explanation">{view.explanation}</td></tr>
          </tbody>
        </table>
      )}
      {d?.flags.includes('open-deduction') && <p class="zx-muted">扣除未结束，倒计时暂停（按今日 {today} 计算）。</p>}
      {view.longPending && (
        <div class="zx-warning" data-zx="long-pending"><strong>{view.longPending.label}</strong>：{view.longPending.reason}</div>
      )}
      {view.warnings.length > 0 && <h4>风险提示</h4>}
      {view.warnings.map((w) => (
        <div class={`zx-warning zx-sev-${w.level}`} data-zx-warning={w.code}>
          <strong>{w.title}</strong>：{w.reason}
          {w.basis.length > 0 && <div class="zx-basis">依据：{w.basis.join('；')}</div>}
        </div>
      ))}
      <h4>时间轴</h4>
      <table data-zx="timeline">
        <tbody>
          {view.timeline.map((e) => (
            <tr data-kind={e.kind}><td>{e.date}</td><td>{e.label}</td><td>{e.detail}</td></tr>
          ))}
        </tbody>
      </table>
      {onWhatIf && !view.closed && <WhatIf today={today} onWhatIf={onWhatIf} />}
    </div>
  );
}

function fmtExtension(months: number, days: number): string {
  if (!months && !days) return '未延长';
  return [months ? `${months} 个月` : '', days ? `${days} 天` : ''].filter(Boolean).join(' ');
}

function WhatIf({ today, onWhatIf }: { today: string; onWhatIf: NonNullable<CasePanelProps['onWhatIf']> }) {
  const [kind, setKind] = useState<'extension' | 'deduction'>('extension');
  const [months, setMonths] = useState('1');
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState('');
  const [outcome, setOutcome] = useState<string>('');
  const run = async () => {
    const events: WhatIfEvent[] =
      kind === 'extension'
        ? [{ kind: 'extension', on: today, months: Number(months) || 0 }]
        : [{ kind: 'deduction', reason: '假设扣除', from, ...(to ? { to } : {}) }];
    const res = await onWhatIf(events);
    if (typeof res === 'string') setOutcome(res);
    else if (res.problems.length) setOutcome(`无法计算：${res.problems.join('；')}`);
    else setOutcome(`假设后审限届满日：${res.deadline?.dueOn ?? '无'}（剩余 ${res.deadline?.daysLeft ?? '—'} 天），未保存任何数据。`);
  };
  return (
    <div data-zx="what-if">
      <h4>假设测算</h4>
      <div class="zx-row">
        <select value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as 'extension' | 'deduction')}>
          <option value="extension">延长审限</option>
          <option value="deduction">扣除审限</option>
        </select>
        {kind === 'extension' ? (
          <label>月数 <input type="number" min="0" value={months} onInput={(e) => setMonths((e.target as HTMLInputElement).value)} style="width:4em" /></label>
        ) : (
          <>
            <label>起 <input type="date" value={from} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} /></label>
            <label>止 <input type="date" value={to} onInput={(e) => setTo((e.target as HTMLInputElement).value)} /></label>
          </>
        )}
        <button type="button" onClick={() => void run()}>测算</button>
      </div>
      {outcome && <p data-zx="what-if-result">{outcome}</p>}
    </div>
  );
}

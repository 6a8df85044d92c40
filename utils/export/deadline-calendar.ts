// Calendar reminders for 审限 (domain.md §5): "审限届满" on T and "延长审限申请截止" on T − 15 (the lead time
// configured in thresholds.leadTimes), for the open cases given. Pure: `today` is passed in.
import type { CaseSnapshot } from '../domain/case';
import { addDays } from '../domain/dates';
import { DEFAULT_THRESHOLDS } from '../rules/thresholds';
import type { IcsEvent } from './ics';

export interface DeadlineCalendarCase {
  snapshot: Pick<CaseSnapshot, 'caseNo'> & Partial<Pick<CaseSnapshot, 'cause' | 'judge' | 'url'>>;
  /** computeDeadline / evaluateCase(...).deadline */
  deadline: { dueOn: string | null; dueOnAdjusted?: string | null; level: string } | null | undefined;
  /**
   * evaluateCase(...).leadTimes. Given: its applyBy / applyDays are used. null: no extension is possible for this
   * case (no apply-by event). Omitted: applyBy = T − options.applyDays.
   */
  leadTimes?: { applyBy: string; applyDays: number } | null;
}

export interface DeadlineCalendarOptions {
  /** events before this day are left out */
  today?: string;
  /** T − N when leadTimes is omitted; default thresholds.leadTimes.applyDays (15) */
  applyDays?: number;
  /** which reminders to build (default both) */
  kinds?: Array<'due' | 'apply-by'>;
}

/** FNV-1a 32-bit, twice with different offsets: a 16-hex-digit id that is stable for a given text. */
function stableHash(text: string): string {
  const h = (seed: number) => {
    let x = seed >>> 0;
    for (let i = 0; i < text.length; i++) {
      x ^= text.charCodeAt(i);
      x = Math.imul(x, 0x01000193) >>> 0;
    }
    return x.toString(16).padStart(8, '0');
  };
  return h(0x811c9dc5) + h(0x050c5d1f);
}

/** Stable UID of one reminder: the same case and kind always give the same UID, whatever the date. */
export function deadlineEventUid(caseNo: string, kind: 'due' | 'apply-by'): string {
  const key = caseNo.replace(/\s/g, '').replace(/（/g, '(').replace(/）/g, ')');
  return `${kind}-${stableHash(key)}@zhixiao`;
}

/** Events for open cases with a 审限 (closed cases and cases without dueOn are skipped), case by case in input order. */
export function buildDeadlineEvents(cases: DeadlineCalendarCase[], options: DeadlineCalendarOptions = {}): IcsEvent[] {
  const applyDaysDefault = options.applyDays ?? DEFAULT_THRESHOLDS.leadTimes.applyDays;
  const kinds = new Set(options.kinds ?? ['due', 'apply-by']);
  const events: IcsEvent[] = [];
  for (const c of cases) {
    const d = c.deadline;
    if (!d || d.dueOn === null || d.level === 'closed-in-time' || d.level === 'closed-late') continue;
    const s = c.snapshot;
    const due = d.dueOnAdjusted ?? d.dueOn;
    const about = [
      s.cause ? `案由：${s.cause}` : '',
      s.judge ? `承办人：${s.judge}` : '',
      `审限届满日：${due}${d.dueOnAdjusted && d.dueOnAdjusted !== d.dueOn ? `（法定节假日顺延，原为 ${d.dueOn}）` : ''}`,
    ].filter(Boolean);
    const footer = '本提醒由质效助手根据办案系统数据计算生成，以办案系统为准。';
    const url = s.url ? { url: s.url } : {};
    if (kinds.has('due') && (!options.today || due >= options.today)) {
      events.push({
        uid: deadlineEventUid(s.caseNo, 'due'), date: due,
        summary: `审限届满：${s.caseNo}`,
        description: [...about, footer].join('\n'), ...url,
      });
    }
    if (kinds.has('apply-by') && c.leadTimes !== null) {
      const applyDays = c.leadTimes?.applyDays ?? applyDaysDefault;
      const applyBy = c.leadTimes?.applyBy ?? addDays(d.dueOn, -applyDays);
      if (!options.today || applyBy >= options.today) {
        events.push({
          uid: deadlineEventUid(s.caseNo, 'apply-by'), date: applyBy,
          summary: `延长审限申请截止（T−${applyDays}）：${s.caseNo}`,
          description: [...about, `如需延长审限，请于 ${applyBy} 前提交申请。`, footer].join('\n'), ...url,
        });
      }
    }
  }
  return events;
}

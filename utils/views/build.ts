// Builds the CaseView for a stored case: the domain evaluation, shaped for badges, panels and lists.
import type { CaseSnapshot, CaseEvent } from '../domain/case';
import { evaluateCase, type CaseEvaluation, type EvaluateConfig } from '../domain/evaluate';
import type { CaseView, TimelineEntry } from './case-view';
import { caseKeyOf } from '../store/case-key';
import type { ArchiveTable } from '../rules/archive';
import { archiveTagOf } from './archive-summary';

const PROCEDURE_LABEL: Record<string, string> = {
  ordinary: '普通程序', simple: '简易程序', 'small-claims': '小额诉讼程序', 'second-judgment': '二审（判决上诉）',
  'second-ruling': '二审（裁定上诉）', special: '特别程序', 'retrial-review': '再审审查', foreign: '涉外（无法定审限）',
  'public-ordinary': '公诉普通程序', 'private-detained': '自诉（羁押）', 'private-free': '自诉（未羁押）',
  'simple-long': '简易程序（三年以上）', 'fast-track': '速裁程序', 'fast-track-long': '速裁程序（一年以上）',
  second: '第二审程序', retrial: '再审程序', 'non-litigation': '非诉执行', decision: '赔偿委员会决定',
};

export function procedureLabel(p: string | null | undefined): string | undefined {
  return p ? PROCEDURE_LABEL[p] ?? p : undefined;
}

export function buildCaseView(snapshot: CaseSnapshot, today: string, config?: EvaluateConfig & { archiveTable?: ArchiveTable }): CaseView {
  const view = viewOf(snapshot, evaluateCase(snapshot, today, config));
  // 立卷归档: closed cases not yet archived get a tag with the days since 结案 and the missing items (§11).
  const archiveTag = archiveTagOf(snapshot, today, config?.archiveTable);
  if (archiveTag) view.tags.push(archiveTag);
  return view;
}

export function viewOf(snapshot: CaseSnapshot, ev: CaseEvaluation): CaseView {
  const d = ev.deadline;
  const closed = Boolean(snapshot.closedOn) || snapshot.status === 'closed' || snapshot.status === 'archived';
  const level = d ? d.level : 'error';
  const title = d
    ? [d.dueOn ? `审限届满日 ${d.dueOn}` : '无法定审限', ev.explanation].filter(Boolean).join('；')
    : `无法计算：${ev.problems.join('；')}`;
  const risks = ev.warnings.filter((w) => /^H\d/.test(w.code));
  const tags: CaseView['tags'] = [];
  if (ev.longPending?.tierLabel) tags.push({ text: `超${ev.longPending.tierMonths}个月`, title: ev.longPending.tierLabel, warn: true });
  if (risks.length) tags.push({ text: `风险 ${risks.length}`, title: risks.map((w) => w.title).join('；'), warn: true });
  return {
    caseKey: caseKeyOf(snapshot.caseNo),
    caseNo: snapshot.caseNo,
    url: snapshot.url,
    category: ev.category ?? undefined,
    procedureLabel: procedureLabel(d?.procedure ?? ev.procedure),
    closed,
    badge: { level, daysLeft: d?.daysLeft ?? null, title },
    deadline: d
      ? {
          startOn: d.startOn, procedure: d.procedure, dueOn: d.dueOn, dueOnAdjusted: d.dueOnAdjusted, daysLeft: d.daysLeft,
          level: d.level, deductedDays: d.deductedDays, extendedMonths: d.extendedMonths, extendedDays: d.extendedDays,
          basis: d.basis, flags: d.flags,
        }
      : null,
    problems: d ? [] : ev.problems,
    explanation: ev.explanation,
    leadTimes: ev.leadTimes && !closed
      ? { applyBy: ev.leadTimes.applyBy, decideBy: ev.leadTimes.decideBy, approver: ev.leadTimes.approverLabel }
      : null,
    longPending: ev.longPending?.tierLabel
      ? {
          tier: ev.longPending.tier ?? '',
          label: `长期未结·${ev.longPending.tierLabel}`,
          reason: `立案 ${ev.longPending.ageDays} 天（满 ${ev.longPending.ageMonths} 个月）`,
        }
      : null,
    warnings: ev.warnings.map((w) => ({ code: w.code, level: w.level, title: w.title, reason: w.reason, basis: w.basis })),
    timeline: timelineOf(snapshot, ev),
    tags,
  };
}

function timelineOf(s: CaseSnapshot, ev: CaseEvaluation): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  if (s.filedOn) out.push({ date: s.filedOn, label: '立案', detail: procedureLabel(ev.timeline?.procedure) ?? '', kind: 'filed' });
  for (const e of s.events ?? []) out.push(entryOf(e));
  const d = ev.deadline;
  if (d?.dueOn) out.push({ date: d.dueOn, label: '审限届满', detail: d.basis.join('；'), kind: 'due' });
  if (s.closedOn) out.push({ date: s.closedOn, label: '结案', detail: s.closeMethod ?? '', kind: 'closed' });
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function entryOf(e: CaseEvent): TimelineEntry {
  switch (e.kind) {
    case 'extension':
      return { date: e.on, label: '延长审限', kind: e.kind,
        detail: [e.months ? `${e.months} 个月` : '', e.days ? `${e.days} 天` : '', e.approvedBy ? `审批人 ${e.approvedBy}` : '', e.appliedOn ? `申请 ${e.appliedOn}` : ''].filter(Boolean).join('，') };
    case 'deduction':
      return { date: e.from, label: `扣除审限（${e.reason}）`, kind: e.kind, detail: e.to ? `至 ${e.to}` : '尚未结束' };
    case 'suspension':
      return { date: e.from, label: '中止', kind: e.kind, detail: [e.reason, e.to ? `${e.to} 恢复` : '尚未恢复'].filter(Boolean).join('，') };
    case 'conversion':
      return { date: e.on, label: '程序转换', kind: e.kind, detail: `${procedureLabel(e.from) ?? '?'} → ${procedureLabel(e.to)}` };
    case 'restart':
      return { date: e.on, label: '重新计算审限', kind: e.kind, detail: e.reason };
    case 'hearing':
      return { date: e.on, label: e.postponed ? '延期开庭' : '开庭', kind: e.kind, detail: e.reason ?? '' };
  }
}

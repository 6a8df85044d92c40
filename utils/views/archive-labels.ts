// 立卷归档 labels and the missing-items summary: pure and light (no rule tables), so the content script's
// checklist panel can use them without bundling the archive checklists.
import type { ArchiveCheckResult } from '../domain/archive';

export const COUNTDOWN_LABEL: Record<ArchiveCheckResult['countdown']['state'], string> = {
  'not-closed': '未结案',
  ok: '归档期限内',
  due: '临近归档期限',
  overdue: '逾期未归档',
  archived: '已归档',
};

export const ARCHIVE_FLAG_LABEL: Record<string, string> = {
  missingServiceProof: '缺送达回证',
  missingPronouncementRecord: '判决缺宣判笔录',
  extensionWithoutApproval: '延长审限缺审批材料',
  deductionWithoutBasis: '扣除审限缺审批及证明',
  missingSimilarCaseReport: '缺类案检索报告',
  missingSupervisionRecord: '缺监管或阅核记录',
  missingTerminationEvidence: '终本条件证据不全',
  missingRequiredItem: '缺必备材料',
  archiveDue: '已到归档预警期',
  archiveOverdue: '逾期未归档',
};

export interface MissingSummary {
  /** null: the 目录 could not be read or no list applies — never reported as "complete" */
  count: number | null;
  /** names of the missing items, then "送达回证（当事人）" for each party without proof */
  names: string[];
}

/**
 * What is missing: the required items not found plus, per party, the 送达回证 not found. The generic
 * 送达回证 item is not counted again when the per-party check already lists the parties it lacks.
 */
export function missingOf(check: ArchiveCheckResult): MissingSummary {
  if (check.problem) return { count: null, names: [] };
  const perParty = check.serviceProof.filter((p) => p.state === 'missing');
  const items = check.items.filter((i) => i.state === 'missing' && !(i.id === 'service-proof' && perParty.length > 0));
  const names = [...items.map((i) => i.name), ...perParty.map((p) => `送达回证（${p.party}）`)];
  return { count: names.length, names };
}


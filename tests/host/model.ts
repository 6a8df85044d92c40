// Shared types and vocabularies of the demo court system. The case record is a CaseSnapshot plus host fields.
import type { CaseEvent, CaseSnapshot, Category, Procedure } from '../../utils/domain/case';

export interface HostParty { name: string; role: string; type: '自然人' | '法人' | '非法人组织' | '机关' }
export interface HostDocument {
  ref: string;
  title: string;
  date?: string;
  volume?: 'main' | 'sub';
  status?: 'draft' | 'signed' | 'issued';
  party?: string;
  pages?: number;
}

export interface HostCase {
  id: string;
  caseNo: string; // half-width brackets: (2025)渝0107民初1234号
  court: string; // 渝0107 | 渝01
  courtName: string;
  cause: string;
  category: Category;
  procedure: Procedure; // current procedure (after conversions)
  filedOn: string;
  closedOn?: string;
  closeMethod?: string;
  status: 'pending' | 'closed' | 'archived';
  archivedOn?: string;
  judge: string;
  division: string;
  panel: string[];
  clerk: string;
  detained?: boolean;
  detainedSince?: string;
  foreign: boolean;
  amount?: number;
  parties: HostParty[];
  events: CaseEvent[];
  documents: HostDocument[];
  signals: string[];
}

export const PROCEDURE_LABELS: Record<Category, Partial<Record<Procedure, string>>> = {
  civil: {
    ordinary: '普通程序', simple: '简易程序', 'small-claims': '小额诉讼程序',
    'second-judgment': '第二审程序（判决上诉）', 'second-ruling': '第二审程序（裁定上诉）',
    special: '特别程序', 'retrial-review': '再审审查程序', foreign: '普通程序（涉外）',
  },
  criminal: {
    'public-ordinary': '普通程序（公诉）', 'private-detained': '自诉程序（被告人羁押）',
    'private-free': '自诉程序（被告人未羁押）', simple: '简易程序', 'simple-long': '简易程序（可能判处三年以上）',
    'fast-track': '速裁程序', 'fast-track-long': '速裁程序（可能判处一年以上）', second: '第二审程序', retrial: '再审程序',
  },
  administrative: { ordinary: '普通程序', simple: '简易程序', second: '第二审程序' },
  enforcement: { ordinary: '首次执行', 'non-litigation': '非诉执行' },
  compensation: { decision: '赔偿委员会决定程序' },
};

export const CATEGORY_LABELS: Record<Category, string> = {
  civil: '民事', criminal: '刑事', administrative: '行政', enforcement: '执行', compensation: '国家赔偿',
};

export function procedureLabel(category: Category, procedure: Procedure | undefined): string {
  if (!procedure) return '';
  return PROCEDURE_LABELS[category][procedure] ?? procedure;
}

export function statusLabel(c: Pick<HostCase, 'status' | 'category'>): string {
  if (c.status === 'archived') return '已归档';
  if (c.status === 'closed') return '已结案';
  return c.category === 'enforcement' ? '执行中' : '审理中';
}

export const DOC_STATUS_LABELS = { draft: '草稿', signed: '已签发', issued: '已送达' } as const;

/** Full-width display form used by the classic skin. */
export function fullWidthCaseNo(caseNo: string): string {
  return caseNo.replace('(', '（').replace(')', '）');
}

/** The shared case model (CaseSnapshot) for one host record. */
export function toSnapshot(c: HostCase, baseUrl = ''): CaseSnapshot {
  const snap: CaseSnapshot = {
    caseNo: c.caseNo,
    hostRef: c.id,
    url: `${baseUrl}/app/cases/${c.id}/basic`,
    cause: c.cause,
    category: c.category,
    procedure: c.procedure,
    filedOn: c.filedOn,
    status: c.status,
    judge: c.judge,
    division: c.division,
    panel: c.panel,
    foreign: c.foreign,
    parties: c.parties.map((p) => ({ name: p.name, role: p.role })),
    events: c.events,
    documents: c.documents.map((d) => {
      const out: NonNullable<CaseSnapshot['documents']>[number] = { title: d.title, ref: d.ref };
      if (d.date) out.date = d.date;
      if (d.volume) out.volume = d.volume;
      if (d.status) out.status = d.status;
      if (d.party) out.party = d.party;
      return out;
    }),
    // 文书 again on their own (the 文书 tab), as CaseSnapshot.writs: the items with a status and no volume
    writs: c.documents
      .filter((d) => d.status && !d.volume)
      .map((d) => {
        const out: NonNullable<CaseSnapshot['writs']>[number] = { title: d.title, ref: d.ref };
        if (d.date) out.date = d.date;
        if (d.status) out.status = d.status;
        return out;
      }),
    signals: c.signals,
  };
  if (c.clerk) snap.clerk = c.clerk;
  if (c.closedOn) snap.closedOn = c.closedOn;
  if (c.closeMethod) snap.closeMethod = c.closeMethod;
  if (c.archivedOn) snap.archivedOn = c.archivedOn;
  if (c.detained !== undefined) snap.detained = c.detained;
  if (c.detainedSince) snap.detainedSince = c.detainedSince;
  if (c.amount !== undefined) snap.amount = c.amount;
  return snap;
}

export interface User {
  id: string;
  name: string;
  role: '法官' | '庭长' | '分管院领导' | '书记员' | '审管办';
  division: string;
  divisions: string[];
}

const u = (id: string, name: string, role: User['role'], division: string, divisions = [division]): User =>
  ({ id, name, role, division, divisions });

export const USERS: User[] = [
  u('u101', '王建国', '法官', '民一庭'), u('u102', '李秀英', '法官', '民一庭'), u('u103', '赵磊', '法官', '民一庭'), u('u104', '周婷', '法官', '民一庭'),
  u('u111', '张伟', '法官', '民二庭'), u('u112', '孙丽娟', '法官', '民二庭'), u('u113', '马俊峰', '法官', '民二庭'),
  u('u121', '刘洋', '法官', '刑庭'), u('u122', '陈晓东', '法官', '刑庭'), u('u123', '杨帆', '法官', '刑庭'),
  u('u131', '黄志刚', '法官', '行政庭'), u('u132', '吴敏', '法官', '行政庭'),
  u('u141', '陈静', '法官', '执行局'), u('u142', '郭强', '法官', '执行局'), u('u143', '何涛', '法官', '执行局'),
  u('u201', '林国栋', '庭长', '民一庭'), u('u211', '高峰', '庭长', '民二庭'), u('u221', '郑铁军', '庭长', '刑庭'),
  u('u231', '罗文', '庭长', '行政庭'), u('u241', '梁志勇', '庭长', '执行局'),
  u('u301', '唐启明', '分管院领导', '院领导', ['民一庭', '民二庭', '行政庭']),
  u('u302', '冯振华', '分管院领导', '院领导', ['刑庭', '执行局']),
  u('u401', '许诺', '书记员', '民一庭'), u('u402', '邓佳', '书记员', '民二庭'), u('u403', '彭丽', '书记员', '刑庭'),
  u('u404', '曾晓', '书记员', '行政庭'), u('u405', '萧然', '书记员', '执行局'),
  u('u501', '蒋文', '审管办', '审判管理办公室', ['民一庭', '民二庭', '刑庭', '行政庭', '执行局']),
];

export const DIVISIONS = ['民一庭', '民二庭', '刑庭', '行政庭', '执行局'] as const;
export const PRESIDENT = '陈立新'; // 院长

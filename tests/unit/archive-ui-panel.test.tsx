// The 立卷归档 checklist panel, the options section and the clerk ledger, rendered with @testing-library/preact.
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, waitFor } from '@testing-library/preact';
import { unzipSync, strFromU8 } from 'fflate';
import { ArchivePanel, type ArchivePanelState } from '../../components/ArchivePanel';
import { ArchiveSection, type ArchiveBackend } from '../../components/options/ArchiveSection';
import { ClerkLedger, ledgerFiles } from '../../components/popup/ClerkLedger';
import { checkArchive } from '../../utils/domain/archive';
import type { CaseSnapshot } from '../../utils/domain/case';
import { DEFAULT_ARCHIVE_TABLE } from '../../utils/rules/archive';
import type { GetArchiveCheckReply } from '../../utils/messaging/archive-messages';
import { parseArchiveTableText } from '../../utils/background/archive';
import { ledgerRowOf } from '../../utils/views/archive-summary';

const TODAY = '2025-07-01';
const snap = (over: Partial<CaseSnapshot> = {}): CaseSnapshot => ({
  caseNo: '（2025）渝0107民初100号', category: 'civil', procedure: 'simple', filedOn: '2025-01-02', closedOn: '2025-05-20',
  status: 'closed', closeMethod: '判决', parties: [{ name: '张三', role: '原告' }, { name: '<img src=x onerror=alert(1)>', role: '被告' }],
  documents: [
    { title: '1.卷宗封面', volume: 'main' }, { title: '2.起诉状', volume: 'main' }, { title: '3.民事判决书（正本）', volume: 'main' },
    { title: '4.送达回证(张三)', volume: 'main' }, { title: '5.<b>奇怪的材料</b>', volume: 'main' },
    { title: '审理报告', volume: 'sub' },
  ],
  ...over,
});
const reply = (s: CaseSnapshot, over: Partial<GetArchiveCheckReply> = {}): GetArchiveCheckReply => ({
  check: checkArchive({ snapshot: s, today: TODAY }),
  flags: [],
  lists: DEFAULT_ARCHIVE_TABLE.lists.filter((l) => l.appliesTo.length).map((l) => ({ id: l.id, name: l.name })),
  tableSource: 'default',
  flagEndpoint: 'http://127.0.0.1:5304/api/cases/c1/flags',
  ...over,
});
const ready = (r: GetArchiveCheckReply): ArchivePanelState => ({ kind: 'ready', reply: r });

describe('ArchivePanel', () => {
  it('separates 正卷 and 副卷, lists per-party 送达回证 and unmatched titles, as text only', () => {
    const r = reply(snap());
    const { container } = render(<ArchivePanel caseNo="（2025）渝0107民初100号" state={ready(r)} />);
    const mainRows = container.querySelectorAll('[data-volume="main"] tr[data-item]');
    const subRows = container.querySelectorAll('[data-volume="sub"] tr[data-item]');
    expect(mainRows.length).toBe(r.check!.items.filter((i) => i.volume === 'main').length);
    expect(subRows.length).toBe(r.check!.items.filter((i) => i.volume === 'sub').length);
    expect(container.querySelector('[data-volume="main"] tr[data-item="cover"]')!.getAttribute('data-state')).toBe('present');
    expect(container.querySelector('[data-volume="main"] tr[data-item="pronouncement"]')!.getAttribute('data-state')).toBe('missing');
    expect(container.querySelector('[data-zx="archive-service"] tr[data-party="张三"]')!.getAttribute('data-state')).toBe('present');
    const hostile = container.querySelector('[data-zx="archive-service"] tr[data-party="<img src=x onerror=alert(1)>"]')!;
    expect(hostile.getAttribute('data-state')).toBe('missing');
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container.querySelector('[data-zx="archive-unmatched"]')!.textContent).toContain('5.<b>奇怪的材料</b>');
    const summary = container.querySelector('[data-zx="archive-summary"]')!;
    expect(summary.getAttribute('data-missing-count')).not.toBe('');
    expect(summary.textContent).toContain('缺');
    // not-applicable items carry their reason
    const na = container.querySelector('tr[data-state="not-applicable"]')!;
    expect(na.textContent).toMatch(/不适用|视案件情况/);
  });

  it('shows 无法读取卷宗目录 with the reason and no "complete" wording', () => {
    const r = reply(snap({ documents: undefined }), { problemReason: '本机尚未读取到本案的电子卷宗目录' });
    const { container } = render(<ArchivePanel caseNo="x" state={ready(r)} />);
    const p = container.querySelector('[data-problem="无法读取卷宗目录"]')!;
    expect(p.textContent).toContain('本机尚未读取到本案的电子卷宗目录');
    expect(container.textContent).not.toContain('未发现缺项');
    expect(container.querySelector('[data-zx="archive-summary"]')).toBeNull();
    const page = render(<ArchivePanel caseNo={null} state={{ kind: 'unreadable', reason: '目录区域在页面上未找到' }} />);
    expect(page.container.querySelector('[data-problem="无法读取卷宗目录"]')!.textContent).toContain('目录区域在页面上未找到');
  });

  it('shows 无适用清单 with a chooser of lists', () => {
    const r = reply(snap({ category: 'compensation', procedure: 'decision' }));
    expect(r.check!.problem).toBe('无适用清单');
    const choose = vi.fn();
    const { container } = render(<ArchivePanel caseNo="x" state={ready(r)} onChooseList={choose} />);
    expect(container.querySelector('[data-problem="无适用清单"]')).not.toBeNull();
    const select = container.querySelector('select[data-zx="archive-list"]') as HTMLSelectElement;
    expect(select.options.length).toBe(r.lists.length + 1);
    fireEvent.change(select, { target: { value: 'civil-first' } });
    expect(choose).toHaveBeenCalledWith('civil-first');
  });

  it('flags an item: 不适用 needs a reason; the stored flag shows its sync state', async () => {
    const r = reply(snap());
    const onFlag = vi.fn(async () => null);
    const { container } = render(<ArchivePanel caseNo="x" state={ready(r)} onFlag={onFlag} defaultBy="许诺" />);
    const row = container.querySelector('tr[data-item="pronouncement"]')!;
    fireEvent.click(row.querySelector('[data-zx="flag-open"]')!);
    const radios = row.querySelectorAll('input[type="radio"]');
    fireEvent.click(radios[2]); // 不适用
    fireEvent.change(radios[2], { target: { checked: true } });
    const reason = row.querySelector('[data-zx="flag-reason"]') as HTMLInputElement;
    fireEvent.input(reason, { target: { value: '' } });
    fireEvent.click(row.querySelector('[data-zx="flag-submit"]')!);
    await waitFor(() => expect(row.querySelector('[data-zx="flag-error"]')?.textContent).toContain('须说明理由'));
    expect(onFlag).not.toHaveBeenCalled();
    fireEvent.input(reason, { target: { value: '当庭宣判，笔录并入庭审笔录' } });
    fireEvent.click(row.querySelector('[data-zx="flag-submit"]')!);
    await waitFor(() => expect(onFlag).toHaveBeenCalledWith({ item: '宣判笔录', flag: '不适用', reason: '当庭宣判，笔录并入庭审笔录', by: '许诺' }));

    const flagged = reply(snap(), {
      flags: [{ clientId: 'c', caseNo: 'x', caseKey: 'k', item: '宣判笔录', flag: '不适用', reason: '当庭宣判', by: '许诺', at: '2025-07-01T10:00:00+08:00', syncState: 'pending', attempts: 0 }],
    });
    const again = render(<ArchivePanel caseNo="x" state={ready(flagged)} />);
    const cur = again.container.querySelector('tr[data-item="pronouncement"] [data-zx="flag-current"]')!;
    expect(cur.getAttribute('data-sync')).toBe('pending');
    expect(cur.textContent).toContain('未同步');
    expect(again.container.querySelector('[data-zx="archive-flag-log"]')!.textContent).toContain('1 条未同步');
  });
});

describe('ArchiveSection (options)', () => {
  it('validates before saving and resets', async () => {
    const save = vi.fn(async () => {});
    const reset = vi.fn(async () => {});
    const backend: ArchiveBackend = {
      load: async () => ({ table: DEFAULT_ARCHIVE_TABLE, source: 'default' }),
      validate: parseArchiveTableText,
      save, reset,
    };
    const { container, findByText } = render(<ArchiveSection backend={backend} />);
    await findByText(/当前使用：内置清单/);
    const ta = container.querySelector('[data-zx="archive-json"]') as HTMLTextAreaElement;
    fireEvent.input(ta, { target: { value: '{"version":"1","lists":[]}' } });
    fireEvent.click(container.querySelector('[data-zx="archive-save"]')!);
    await waitFor(() => expect(container.querySelector('[data-zx="archive-errors"]')).not.toBeNull());
    expect(save).not.toHaveBeenCalled();
    fireEvent.input(ta, { target: { value: JSON.stringify({ ...DEFAULT_ARCHIVE_TABLE, version: 'court-7' }) } });
    fireEvent.click(container.querySelector('[data-zx="archive-save"]')!);
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    expect((save.mock.calls[0] as unknown[])[0]).toMatchObject({ version: 'court-7' });
    await findByText(/已保存本院归档清单/);
  });
});

describe('ClerkLedger', () => {
  const rows = [
    ledgerRowOf(snap({ caseNo: '（2025）渝0107民初200号', closedOn: '2025-03-01', url: 'http://127.0.0.1:1/classic/case/c2/basic' }), TODAY)!,
    ledgerRowOf(snap({ documents: undefined }), TODAY)!,
  ];
  it('lists the rows with days since 结案 and missing counts', () => {
    const { container } = render(<ClerkLedger rows={rows} today={TODAY} />);
    const items = container.querySelectorAll('li[data-case-no]');
    expect(items.length).toBe(2);
    expect(items[0].textContent).toContain('结案 122 天');
    expect(items[0].textContent).toMatch(/缺 \d+ 项/);
    expect(items[1].textContent).toContain('目录未读');
  });
  it('exports .xlsx and .csv with Chinese headers', async () => {
    const files = await ledgerFiles(rows, TODAY);
    expect(files.csv.name).toBe('归档台账-2025-07-01.csv');
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(await files.csv.blob.arrayBuffer()));
    expect(csv.startsWith('\uFEFF案号,案由,承办人,书记员,结案日期')).toBe(true);
    expect(csv).toContain('（2025）渝0107民初200号');
    const zip = unzipSync(new Uint8Array(await files.xlsx.blob.arrayBuffer()));
    const sheet = Object.keys(zip).find((k) => k.startsWith('xl/worksheets/'))!;
    const xml = strFromU8(zip[sheet]) + (zip['xl/sharedStrings.xml'] ? strFromU8(zip['xl/sharedStrings.xml']) : '');
    expect(xml).toContain('结案天数');
    expect(xml).toContain('（2025）渝0107民初200号');
    const download = vi.fn();
    const { container } = render(<ClerkLedger rows={rows} today={TODAY} download={download} />);
    fireEvent.click(container.querySelector('[data-zx="ledger-csv"]')!);
    await waitFor(() => expect(download).toHaveBeenCalledWith('归档台账-2025-07-01.csv', expect.any(Blob)));
  });
});

import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { CorpusSection, guessFormat } from '../../components/options/CorpusSection';
import { SimilarPanel, type SimilarContext } from '../../components/SimilarPanel';
import { importCorpus, SearchDb } from '../../utils/search/persist';
import type { SimilarHit } from '../../utils/search/similar-messages';

let n = 0;

describe('CorpusSection', () => {
  it('imports the good lines, lists bad ones by line number, and re-import updates', async () => {
    const sdb = new SearchDb(`zx-ui-corpus-${Date.now()}-${n++}`);
    const backend = {
      stats: async () => ({ docs: await sdb.docs.count(), perTier: { 1: await sdb.docs.where('tier').equals(1).count() } }),
      import: (text: string, format: 'jsonl' | 'caselib') => importCorpus(text, format, sdb),
    };
    const { container } = render(<CorpusSection backend={backend} />);
    await screen.findByText(/本地案例库共 0 件/);
    const good = (id: string, gist: string) => JSON.stringify({ 入库编号: id, 标题: `案例${id}`, 基本案情: '原告向被告出借款项，被告逾期未还。', 裁判要旨: gist, 层级: 1 });
    const text = [good('2024-01-2-100-001', '要旨一'), '{broken', JSON.stringify({ 标题: '缺少基本案情' }), good('2024-01-2-100-002', '要旨二')].join('\n');
    expect(guessFormat(text)).toBe('caselib');
    fireEvent.input(container.querySelector('[data-zx="corpus-text"]')!, { target: { value: text } });
    fireEvent.click(container.querySelector('[data-zx="corpus-import"]')!);
    await screen.findByText(/新增 2 件，更新 0 件，未变 0 件，出错 2 行/);
    const errs = [...container.querySelectorAll('[data-zx="corpus-errors"] li')].map((li) => li.textContent);
    expect(errs[0]).toMatch(/^第 2 行：invalid JSON/);
    expect(errs[1]).toMatch(/^第 3 行：.*基本案情/);
    await screen.findByText(/本地案例库共 2 件（① 2/);
    fireEvent.input(container.querySelector('[data-zx="corpus-text"]')!, { target: { value: good('2024-01-2-100-001', '要旨一（修订）') } });
    fireEvent.click(container.querySelector('[data-zx="corpus-import"]')!);
    await screen.findByText(/新增 0 件，更新 1 件/);
    expect((await sdb.docs.get('2024-01-2-100-001'))?.gist).toBe('要旨一（修订）');
  });
});

const hit = (id: string, tier: 1 | 2 | 3 | 4, inWindow: boolean | null, extra: Partial<SimilarHit> = {}): SimilarHit => ({
  id, caseNo: `(2023)案${id}号`, court: '某法院', date: '2023-01-01', tier, tierLabel: `T${tier}`, inWindow, title: `标题${id}`,
  gist: `<img src=x onerror=alert(1)>要旨${id}`, gistSource: '裁判要旨', discussedByCommittee: false, score: 1,
  reasons: { charges: ['民间借贷纠纷'], statutes: ['民法典 675'], terms: ['借条'] }, ...extra,
});

const ctx = (over: Partial<SimilarContext> = {}): SimilarContext => ({
  defaultQuery: { text: '原告、被告之间因民间借贷发生纠纷。', cause: '民间借贷纠纷', charges: [], statutes: [] },
  mandatory: [{ reason: '本案可能属于“四类案件”', basis: '法发〔2020〕24号第二条' }],
  citations: [{ kind: '指导性案例', match: '指导案例24号', source: '代理词', basis: '第十条', message: '须回应指导案例24号' }],
  marks: {}, lastQuery: null, lastHits: [], report: null, corpus: { docs: 300, imported: null, error: null }, today: '2025-06-01', ...over,
});

describe('SimilarPanel', () => {
  it('prompts, needsMoreFacts instead of results, tiers with the window marked, marks toggle', async () => {
    const marks: Array<[string, string | null]> = [];
    let reply: unknown = { status: 'needsMoreFacts', message: '请补充案件事实：当前检索内容为空', hits: [], corpusSize: 300, window: { years: 3, from: '2022-06-01', to: '2025-06-01' } };
    const { container } = render(
      <SimilarPanel caseNo="X" context={ctx()} onSearch={async () => reply as never} onSaveReport={async () => '未实现'} onDownload={() => {}}
        onMark={async (id, m) => { marks.push([id, m]); return m ? { [id]: { mark: m, at: 't' } } : {}; }} />,
    );
    expect(container.querySelector('[data-zx="similar-mandatory"]')!.textContent).toContain('依据：法发〔2020〕24号第二条');
    expect(container.querySelector('[data-zx="similar-citation"]')!.textContent).toContain('须在说理中回应');
    expect(container.querySelector('[data-zx="similar-body"]')).not.toBeNull(); // a prompt opens the panel
    fireEvent.click(container.querySelector('[data-zx="similar-search"]')!);
    await screen.findByText(/请补充案件事实/);
    expect(container.querySelector('[data-zx="similar-results"]')).toBeNull();

    reply = { status: 'ok', message: null, hits: [hit('a', 4, true), hit('b', 1, true), hit('c', 4, false)], corpusSize: 300, window: { years: 3, from: '2022-06-01', to: '2025-06-01' } };
    fireEvent.click(container.querySelector('[data-zx="similar-search"]')!);
    await waitFor(() => expect(container.querySelector('[data-zx="similar-results"]')).not.toBeNull());
    expect(container.querySelector('[data-zx="needs-more-facts"]')).toBeNull();
    const order = [...container.querySelectorAll('[data-zx-hit]')].map((e) => e.getAttribute('data-zx-hit'));
    expect(order).toEqual(['b', 'a', 'c']); // tier ① first; in-window before out-of-window
    expect(container.querySelector('[data-zx-hit="c"] [data-zx="out-of-window"]')!.textContent).toBe('早于近3年');
    expect(container.querySelector('[data-zx-hit="a"] [data-zx="out-of-window"]')).toBeNull();
    expect(container.querySelector('[data-zx-hit="a"] [data-zx="hit-reasons"]')!.textContent).toBe('匹配原因：相同罪名/案由：民间借贷纠纷；相同法条：民法典 675；共同关键词：借条');
    expect(container.querySelector('img')).toBeNull(); // host / corpus strings are text only
    fireEvent.click(container.querySelector('[data-zx-hit="a"] [data-zx-mark-btn="参考"]')!);
    await waitFor(() => expect(container.querySelector('[data-zx-hit="a"]')!.getAttribute('data-zx-mark')).toBe('参考'));
    fireEvent.click(container.querySelector('[data-zx-hit="a"] [data-zx-mark-btn="参考"]')!); // again: clears
    await waitFor(() => expect(container.querySelector('[data-zx-hit="a"]')!.getAttribute('data-zx-mark')).toBe(''));
    expect(marks).toEqual([['a', '参考'], ['a', null]]);
  });

  it('starts collapsed without prompts, and shows an empty corpus honestly', () => {
    const { container } = render(
      <SimilarPanel caseNo="X" context={ctx({ mandatory: [], citations: [], corpus: { docs: 0, imported: null, error: null } })} onSearch={async () => 'x'} onMark={async () => ({})} onSaveReport={async () => 'x'} onDownload={() => {}} />,
    );
    expect(container.querySelector('[data-zx="similar-body"]')).toBeNull();
    fireEvent.click(container.querySelector('[data-zx="similar-toggle"]')!);
    expect(container.querySelector('[data-zx="similar-corpus"]')!.textContent).toContain('本地案例库为空');
  });
});

import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { SignoffForm, validateSignoff } from '../../components/SignoffForm';
import { SupervisionPanel } from '../../components/SupervisionPanel';
import type { SupervisionReply } from '../../utils/messaging/supervision-messages';

describe('SignoffForm', () => {
  it('states that the reviewer cannot change the result and has no field for it', () => {
    const { container } = render(<SignoffForm reviewer="林国栋" role="庭长" documentTitle="民事判决书" triggers={['本庭裁判文书']} onSubmit={async () => null} />);
    expect(container.textContent).toContain('不能变更承办法官、合议庭的合议结果');
    const names = [...container.querySelectorAll('input, textarea, select')].map((e) => e.getAttribute('name'));
    expect(new Set(names)).toEqual(new Set(['zx-decision']));
  });

  it('refuses 有意见 without an opinion or a route, before sending anything', async () => {
    const onSubmit = vi.fn(async () => null);
    const { container } = render(<SignoffForm reviewer="林国栋" role="庭长" documentTitle="民事判决书" triggers={[]} onSubmit={onSubmit} />);
    fireEvent.click(screen.getByLabelText('有意见'));
    fireEvent.submit(container.querySelector('form')!);
    await screen.findByText('结论为「有意见」时必须填写具体意见');
    fireEvent.input(container.querySelector('textarea')!, { target: { value: '说理不足' } });
    fireEvent.submit(container.querySelector('form')!);
    await screen.findByText(/必须选择建议途径/);
    expect(onSubmit).not.toHaveBeenCalled();
    expect(validateSignoff('同意', '', null)).toBeNull();
    expect(validateSignoff(null, '', null)).toContain('请选择');
  });

  it('a double click sends once, and every attempt of one form carries the same clientId', async () => {
    let release: (v: string | null) => void = () => {};
    const onSubmit = vi.fn(() => new Promise<string | null>((r) => (release = r)));
    let ids = 0;
    const { container } = render(<SignoffForm reviewer="林国栋" role="庭长" documentTitle="民事判决书" triggers={[]} onSubmit={onSubmit} newId={() => `id-${++ids}`} />);
    fireEvent.click(screen.getByLabelText('同意'));
    const form = container.querySelector('form')!;
    fireEvent.submit(form);
    fireEvent.submit(form);
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    release('未保存：网络错误');
    await screen.findByText('未保存：网络错误');
    fireEvent.submit(form);
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(2));
    const calls = onSubmit.mock.calls as unknown as Array<[{ clientId: string; decision: string; recommendedRoute: unknown }]>;
    expect(calls.map((c) => c[0].clientId)).toEqual(['id-1', 'id-1']);
    expect(calls[0][0]).toMatchObject({ decision: '同意', recommendedRoute: null });
  });
});

describe('SupervisionPanel', () => {
  const reply: SupervisionReply = {
    caseNo: '(2025)渝0107民初1号', caseKey: '(2025)渝0107民初1号', known: true,
    viewer: { name: '王建国', role: '法官', reviewerRole: null },
    fourCategory: { marked: false, hostFlagged: false, marks: [], suggestions: [], history: [] },
    prompt: { id: 'p', kind: 'suggested', text: '系统识别本案可能属四类案件<b>x</b>', measures: [], reasons: ['<img src=x onerror=alert(1)>'], basis: ['法发〔2021〕30号'], acknowledged: false },
    review: { required: true, reviewers: ['庭长'], triggers: ['本庭裁判文书'], reasons: ['r'], basis: [] },
    draft: { ref: 'w3', title: '民事判决书', status: 'draft' },
    signoffs: [{ clientId: 'c', documentRef: 'w3', decision: '同意', recommendedRoute: null, reviewer: '林国栋', reviewerRole: '庭长', reviewedAt: '2025-06-30T10:00:00+08:00', triggers: [], sync: 'queued', lastError: '办案系统返回 HTTP 503' }],
    canSign: { ok: false, reason: '「法官」不是阅核主体' }, pendingMine: false, writeBack: true,
    categories: [], chain: { ok: false, count: 3, problems: ['第 2 条记录被修改'] },
  };

  it('renders host strings as text, shows 未同步 and a broken chain without hiding it; no form for a judge', () => {
    const { container } = render(<SupervisionPanel state={{ kind: 'ready', reply }} judgmentPage onRetry={async () => null} onSignoff={async () => null} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(container.querySelector('[data-zx="signoff"]')!.textContent).toContain('未同步');
    expect(container.querySelector('[data-zx="retry"]')).not.toBeNull();
    expect(container.querySelector('[data-zx="chain-broken"]')!.textContent).toContain('第 2 条记录被修改');
    expect(container.querySelector('[data-zx="signoff-form"]')).toBeNull();
  });
});

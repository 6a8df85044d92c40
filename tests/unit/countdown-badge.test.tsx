// The list-row badge is built as plain DOM for speed; it must be the same markup as the Preact component the
// panels use, keep host-derived strings as text, and re-mounting must neither duplicate nor rebuild it.
import { describe, expect, it } from 'vitest';
import { render } from 'preact';
import { buildCountdownBadge, CountdownBadge, type CountdownBadgeProps } from '../../components/CountdownBadge';
import { mountStatic } from '../../utils/overlay/mount';

const cases: Array<[string, CountdownBadgeProps]> = [
  ['days left with tags', { level: 'warning', daysLeft: 12, title: '审限届满 2025-02-28（民诉法 art 152）', tags: [{ text: '长期未结', title: '已超 12 个月', warn: true }, { text: '四类' }] }],
  ['overdue', { level: 'overdue', daysLeft: -3, title: '已超审限 3 天' }],
  ['due today', { level: 'urgent', daysLeft: 0, title: 't' }],
  ['cannot compute', { level: 'error', daysLeft: null, title: '第 2 条扣除记录：结束日期早于开始日期' }],
  ['closed in time', { level: 'closed-in-time', daysLeft: null, title: '' }],
  ['markup in every string', { level: 'notice', daysLeft: 20, title: '<img src=x onerror=alert(1)>', tags: [{ text: '<script>alert(1)</script>', title: '"><svg onload=alert(1)>' }] }],
];

describe('buildCountdownBadge', () => {
  it.each(cases)('matches the Preact CountdownBadge markup: %s', (_label, props) => {
    const viaPreact = document.createElement('div');
    render(<CountdownBadge {...props} />, viaPreact);
    const viaDom = document.createElement('div');
    viaDom.appendChild(buildCountdownBadge(document, props));
    expect(viaDom.innerHTML).toBe(viaPreact.innerHTML);
  });

  it('keeps markup as text', () => {
    const el = buildCountdownBadge(document, cases[5][1]);
    expect(el.querySelector('img, script, svg')).toBeNull();
    expect(el.querySelector('.zx-tag')?.textContent).toBe('<script>alert(1)</script>');
  });
});

describe('mountStatic', () => {
  it('mounts one shadow host per anchor, skips an unchanged signature and rebuilds a changed one', () => {
    const cell = document.createElement('td');
    cell.textContent = '（2024）渝0107民初100号';
    document.body.appendChild(cell);
    let builds = 0;
    const build = (text: string) => (doc: Document) => { builds++; const s = doc.createElement('span'); s.textContent = text; return s; };
    mountStatic(cell, 'row-badge', 'a', build('12 天'), 'prepend');
    const host = cell.firstElementChild!;
    const first = host.shadowRoot!.querySelector('span:not(.zx-root)');
    mountStatic(cell, 'row-badge', 'a', build('12 天'), 'prepend');
    expect(builds).toBe(1);
    expect(host.shadowRoot!.querySelector('span:not(.zx-root)')).toBe(first);
    mountStatic(cell, 'row-badge', 'b', build('11 天'), 'prepend');
    expect(builds).toBe(2);
    expect(cell.querySelectorAll('[data-zx-host="row-badge"]')).toHaveLength(1);
    expect(host.shadowRoot!.textContent).toContain('11 天');
    expect(host.shadowRoot!.textContent).not.toContain('12 天');
    expect(cell.lastChild?.textContent).toBe('（2024）渝0107民初100号'); // the host's text untouched
  });
});

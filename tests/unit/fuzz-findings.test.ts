// What the overlay fuzz (tests/e2e/fuzz.spec.ts, tests/bench/fuzz.ts) found, each pinned by a test that failed
// before its fix. The content script runs the engine without zod (UNCHECKED); the background validates with zod.
// Where the two disagreed, the page's status chip said something other than what the page shows.
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { CaseEventSchema } from '../../utils/domain/case';
import { EVENT_REQUIRED, extractPage, stripAnchors } from '../../utils/host/engine-core';
import { applyProfile } from '../../utils/host/engine';
import { loadProfile } from '../../utils/host/extract-cli';
import { PageUserSchema } from '../../utils/host/page-user';
import { PAGE_USER_MAX } from '../../utils/host/page-user-bounds';
import { loadFixtures } from '../support/mutate';

const modern = (() => {
  const p = loadProfile('demo-modern');
  if (!p.ok) throw new Error(p.errors.join('; '));
  return p.profile;
})();
const fixture = (name: string) => loadFixtures().find((f) => f.skin === 'modern' && f.name === name)!;
const url = (path: string) => `http://127.0.0.1:5180${path}`;
const doc = (html: string) => parseHTML(html).document as unknown as Document;

describe('finding 1: a banner that cannot be a user name is unreadable in the content script too', () => {
  // Fuzz: markup appended to #currentUser (inject-markup) → the content script sent a 100-character "user" to the
  // background, which refused the reportUser message; the host-user feature threw on every scan.
  const f = fixture('detail-basic');
  const html = f.html.replace(/(<span class="user-name" id="currentUser">)([^<]*)/, (_m, open, name) => `${open}${name}${'&lt;img src=x onerror=alert(1)&gt;'.repeat(4)}`);

  it('the unchecked engine (content script) gives no user and says why, like the checked one', () => {
    const unchecked = stripAnchors(extractPage(modern, doc(html), url(f.path)));
    const checked = stripAnchors(applyProfile(modern, doc(html), url(f.path)));
    expect(unchecked.user).toBeUndefined();
    expect(unchecked.errors).toContain('当前用户：无法识别（user）');
    expect(checked.user).toBeUndefined();
    expect(checked.errors).toContain('当前用户：无法识别（user）');
    // the case itself is still read
    expect(unchecked.cases).toHaveLength(1);
  });

  it('a plausible user is still read without zod', () => {
    expect(stripAnchors(extractPage(modern, doc(f.html), url(f.path))).user?.name).toBe('蒋文');
  });

  it('PAGE_USER_MAX is what PageUserSchema allows', () => {
    for (const k of ['name', 'role', 'division'] as const) {
      const ok = { name: '张三', [k]: 'x'.repeat(PAGE_USER_MAX[k]) };
      const long = { name: '张三', [k]: 'x'.repeat(PAGE_USER_MAX[k] + 1) };
      expect(PageUserSchema.safeParse(ok).success, k).toBe(true);
      expect(PageUserSchema.safeParse(long).success, k).toBe(false);
    }
  });
});

describe('finding 2: an event without a required date is 缺少字段 in the content script, not a refused 数据问题', () => {
  // Fuzz: on a modern 审限变更 page, an emptied / removed 批准日期 or 开庭日期 (empty-cell, remove-element,
  // truncate-html) → the unchecked engine sent the event without `on`, the background refused the case, and the
  // chip said “数据问题 1 项” where the page is missing a field (the checked engine says `events[i].on` missing).
  const f = fixture('detail-changes');
  const emptied = f.html.replace(/(<span class="label">开庭日期<\/span><span class="value">)[^<]*/, '$1');

  it('reports the missing date exactly as the checked engine does and leaves the case out', () => {
    expect(emptied).not.toBe(f.html);
    const unchecked = stripAnchors(extractPage(modern, doc(emptied), url(f.path)));
    const checked = stripAnchors(applyProfile(modern, doc(emptied), url(f.path)));
    expect(unchecked.missing.length).toBeGreaterThan(0);
    expect(unchecked.missing).toEqual(checked.missing);
    expect(unchecked.missing.every((m) => /^events\[\d+\]\.on$/.test(m))).toBe(true);
    expect(unchecked.cases).toEqual([]);
    expect(unchecked.errors).toEqual(checked.errors);
  });

  it('EVENT_REQUIRED lists exactly the keys CaseEventSchema requires', () => {
    const full: Record<string, Record<string, unknown>> = {
      extension: { kind: 'extension', on: '2025-01-02', months: 1, days: 0, approvedBy: 'a', appliedOn: '2025-01-01', reason: 'r' },
      deduction: { kind: 'deduction', reason: '鉴定', from: '2025-01-02', to: '2025-02-01', approvedBy: 'a' },
      suspension: { kind: 'suspension', from: '2025-01-02', to: '2025-02-01', reason: 'r' },
      conversion: { kind: 'conversion', on: '2025-01-02', from: 'simple', to: 'ordinary' },
      restart: { kind: 'restart', on: '2025-01-02', reason: 'r' },
      hearing: { kind: 'hearing', on: '2025-01-02', postponed: true, reason: 'r' },
    };
    expect(Object.keys(EVENT_REQUIRED).sort()).toEqual(Object.keys(full).sort());
    for (const [kind, e] of Object.entries(full)) {
      expect(CaseEventSchema.safeParse(e).success, kind).toBe(true);
      for (const key of Object.keys(e).filter((k) => k !== 'kind')) {
        const { [key]: _gone, ...rest } = e;
        expect(CaseEventSchema.safeParse(rest).success, `${kind} without ${key}`).toBe(!EVENT_REQUIRED[kind].includes(key));
      }
    }
  });
});

describe('a case with an absurd number of 审限变更 rows', () => {
  it('is refused at the boundary with the reason, not evaluated for minutes', async () => {
    const { validateCases } = await import('../../utils/background/ingest');
    const { MAX_EVENTS_PER_CASE } = await import('../../utils/domain/case');
    const events = Array.from({ length: MAX_EVENTS_PER_CASE + 1 }, (_, i) => ({ kind: 'hearing', on: `2024-0${1 + (i % 9)}-1${i % 10}` }));
    const ok = { caseNo: '（2024）渝0107民初100号', filedOn: '2024-01-02', events: events.slice(0, MAX_EVENTS_PER_CASE) };
    const absurd = { caseNo: '（2024）渝0107民初101号', filedOn: '2024-01-02', events };
    const { valid, rejected } = validateCases([ok, absurd]);
    expect(valid.map((c) => c.caseNo)).toEqual([ok.caseNo]);
    expect(rejected[0]).toContain(`超过 ${MAX_EVENTS_PER_CASE} 条`);
  });
});

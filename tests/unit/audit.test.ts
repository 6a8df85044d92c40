import { describe, expect, it } from 'vitest';
import {
  appendRecord,
  canonicalJson,
  escapeHtml,
  exportSupervisionLog,
  GENESIS_HASH,
  hashRecord,
  verifyChain,
  type AuditRecord,
} from '../../utils/domain/audit';

const CASE_A = '(2025)渝0107民初100号';
const CASE_B = '(2025)渝0107民初200号';

function build(n = 6): AuditRecord[] {
  const out: AuditRecord[] = [];
  for (let i = 0; i < n; i++) {
    out.push(
      appendRecord(out[out.length - 1] ?? null, {
        type: i % 2 === 0 ? 'mark' : 'signoff',
        caseKey: i === 3 ? CASE_B : CASE_A,
        payload: { category: 2, reason: `理由 ${i + 1}`, nested: { z: 1, a: [i, 'x'] } },
        actor: { name: '李庭长', role: '庭长' },
        at: `2025-06-${String(10 + i).padStart(2, '0')}T09:00:00+08:00`,
      }),
    );
  }
  return out;
}

const kinds = (r: ReturnType<typeof verifyChain>) => (r.ok ? [] : r.problems.map((p) => [p.seq, p.kind]));

describe('canonical JSON and hashing', () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe('{"a":{"d":[1,{"x":1,"y":2}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });
  it('hash is sha256 hex over the content and the link', () => {
    const r = appendRecord(null, { type: 'mark', caseKey: CASE_A, payload: { x: 1 }, actor: '张法官', at: '2025-01-01T00:00:00+08:00' });
    expect(r.seq).toBe(1);
    expect(r.prevHash).toBe(GENESIS_HASH);
    expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecord(r)).toBe(r.hash);
    const again = appendRecord(null, { type: 'mark', caseKey: CASE_A, payload: { x: 1 }, actor: '张法官', at: '2025-01-01T00:00:00+08:00' });
    expect(again.hash).toBe(r.hash); // deterministic
    const next = appendRecord(r, { type: 'unmark', caseKey: CASE_A, payload: null, actor: '张法官', at: '2025-01-02T00:00:00+08:00' });
    expect(next.seq).toBe(2);
    expect(next.prevHash).toBe(r.hash);
  });
  it('appending never mutates and later mutation of the caller\'s payload does not change the record', () => {
    const payload = { reason: '原始理由' };
    const r = appendRecord(null, { type: 'mark', caseKey: CASE_A, payload, actor: 'a', at: 't' });
    payload.reason = '被改动';
    expect((r.payload as { reason: string }).reason).toBe('原始理由');
    expect(verifyChain([r]).ok).toBe(true);
  });
});

describe('verifyChain', () => {
  it('a clean chain verifies and reports its head', () => {
    const c = build();
    const v = verifyChain(c);
    expect(v).toEqual({ ok: true, count: 6, head: { seq: 6, hash: c[5].hash } });
    expect(verifyChain([])).toEqual({ ok: true, count: 0, head: null });
    expect(verifyChain(c, { seq: 6, hash: c[5].hash }).ok).toBe(true);
  });

  it('detects an edited payload', () => {
    const c = build();
    c[2] = { ...c[2], payload: { ...(c[2].payload as object), reason: '事后改写的理由' } };
    const v = verifyChain(c);
    expect(kinds(v)).toEqual([[3, 'edited']]);
    if (!v.ok) expect(v.problems[0].message).toContain('第 3 条');
  });

  it('detects an edited record whose hash was recomputed (the next link breaks)', () => {
    const c = build();
    const forged = { ...c[2], actor: '王某' };
    c[2] = { ...forged, hash: hashRecord(forged) };
    const v = verifyChain(c);
    expect(kinds(v)).toEqual([[3, 'edited']]);
    if (!v.ok) expect(v.problems[0].message).toContain('重新计算');
  });

  it('detects a changed hash', () => {
    const c = build();
    c[4] = { ...c[4], hash: 'f'.repeat(64) };
    const v = verifyChain(c);
    expect(kinds(v)).toEqual([[5, 'edited']]);
    if (!v.ok) expect(v.problems[0].message).toContain('哈希');
  });

  it('detects a removed record', () => {
    const c = build();
    c.splice(2, 1);
    const v = verifyChain(c);
    expect(kinds(v)).toEqual([[3, 'removed']]);
    if (!v.ok) expect(v.problems[0].message).toBe('第 3 条记录缺失（被删除），第 4 条记录的前序哈希与第 2 条不符');
  });

  it('detects removed records at the start, and a truncated tail given the expected head', () => {
    const c = build();
    expect(kinds(verifyChain(c.slice(2)))).toEqual([[1, 'removed']]);
    const v = verifyChain(c.slice(0, 4), { seq: 6, hash: c[5].hash });
    expect(kinds(v)).toEqual([[5, 'removed']]);
    if (!v.ok) expect(v.problems[0].message).toContain('截断');
    // without the head a truncated tail is indistinguishable from a shorter log
    expect(verifyChain(c.slice(0, 4)).ok).toBe(true);
  });

  it('detects two swapped records', () => {
    const c = build();
    [c[2], c[3]] = [c[3], c[2]];
    const v = verifyChain(c);
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.problems).toHaveLength(1);
      expect(v.problems[0].kind).toBe('reordered');
      expect(v.problems[0].message).toContain('顺序被调换');
    }
  });

  it('detects a record moved far away', () => {
    const c = build();
    const [moved] = c.splice(1, 1);
    c.push(moved);
    expect(kinds(verifyChain(c))).toEqual([[2, 'reordered']]);
  });

  it('detects an inserted forged record (even with a valid own hash)', () => {
    const c = build();
    const forged = appendRecord(c[1], { type: 'mark', caseKey: CASE_A, payload: { reason: '补录' }, actor: '王某', at: '2025-06-11T12:00:00+08:00' });
    c.splice(2, 0, forged);
    const v = verifyChain(c);
    expect(kinds(v)).toEqual([[3, 'inserted']]);
    if (!v.ok) expect(v.problems[0].message).toContain('第 3 位');
  });

  it('detects an inserted duplicate copy', () => {
    const c = build();
    c.splice(3, 0, { ...c[2] });
    const v = verifyChain(c);
    expect(kinds(v)).toEqual([[3, 'inserted']]);
    if (!v.ok) expect(v.problems[0].message).toContain('重复');
  });

  it('detects an insertion that renumbered the following records', () => {
    const c = build(4);
    const forged = appendRecord(c[1], { type: 'mark', caseKey: CASE_A, payload: {}, actor: '王某', at: 't' });
    const shifted = [c[0], c[1], forged, { ...c[2], seq: 4 }, { ...c[3], seq: 5 }];
    const v = verifyChain(shifted);
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.problems.every((p) => p.kind === 'inserted')).toBe(true);
      expect(v.problems[0].message).toContain('序号被改动');
    }
  });

  it('detects a rewritten tail against the expected head', () => {
    const c = build();
    const forged = { ...c[5], payload: { reason: '改写' } };
    c[5] = { ...forged, hash: hashRecord(forged) };
    expect(verifyChain(c).ok).toBe(true);
    expect(kinds(verifyChain(c, { seq: 6, hash: build()[5].hash }))).toEqual([[6, 'edited']]);
  });

  it('reports malformed records instead of throwing', () => {
    const c: unknown[] = build(3);
    c[1] = { seq: 2, type: 'mark' };
    const v = verifyChain(c);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.problems.some((p) => p.seq === 2 && p.kind === 'edited')).toBe(true);
  });

  it('never repairs: the input is unchanged', () => {
    const c = build();
    c.splice(1, 1);
    const before = JSON.stringify(c);
    verifyChain(c);
    expect(JSON.stringify(c)).toBe(before);
  });
});

describe('exportSupervisionLog', () => {
  it('exports one case\'s records as JSON and escaped printable HTML', () => {
    const c = build(3);
    c.push(
      appendRecord(c[2], {
        type: 'signoff', caseKey: CASE_A,
        payload: { decision: '有意见', opinion: '<script>alert("x")</script> & 量刑', recommendedRoute: '复议' },
        actor: { name: '赵<院长>', role: '分管院领导' }, at: '2025-06-20T09:00:00+08:00',
      }),
    );
    const { json, html } = exportSupervisionLog(c, CASE_A, { caseNo: '（2025）渝0107民初100号', generatedAt: '2025-06-30 10:00' });
    expect(json.caseKey).toBe(CASE_A);
    expect(json.count).toBe(4);
    expect(json.chain.ok).toBe(true);
    expect(json.entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(json.entries[3].typeLabel).toBe('阅核签署');
    expect(json.entries[3].summary).toContain('结论：有意见');
    expect(html).toContain('<!DOCTYPE html>');
    expect(html).toContain('监管日志');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('赵&lt;院长&gt;');
    expect(html).toContain('&amp; 量刑');
    expect(html).toContain('完整性校验通过');
  });

  it('filters by case and shows a failed verification', () => {
    const c = build();
    c.splice(1, 1);
    const { json, html } = exportSupervisionLog(c, CASE_B);
    expect(json.entries.map((e) => e.seq)).toEqual([4]);
    expect(json.chain.ok).toBe(false);
    expect(html).toContain('完整性校验未通过');
    expect(html).toContain('第 2 条记录缺失');
  });

  it('escapeHtml escapes the five characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

import { describe, expect, it } from 'vitest';
import { StringMemo } from '../../utils/domain/memo';

describe('StringMemo', () => {
  it('computes once per key and clears itself when full', () => {
    const memo = new StringMemo<number>(3);
    let computed = 0;
    const len = (k: string) => (computed++, k.length);
    expect(memo.get('a', len)).toBe(1);
    expect(memo.get('a', len)).toBe(1);
    expect(computed).toBe(1);
    memo.get('bb', len);
    memo.get('ccc', len);
    expect(memo.size).toBe(3);
    expect(memo.get('dddd', len)).toBe(4); // full: cleared, then the new entry
    expect(memo.size).toBe(1);
    expect(memo.get('a', len)).toBe(1);
    expect(computed).toBe(5);
  });

  it('memoises null results', () => {
    const memo = new StringMemo<string | null>(10);
    let computed = 0;
    expect(memo.get('x', () => (computed++, null))).toBeNull();
    expect(memo.get('x', () => (computed++, null))).toBeNull();
    expect(computed).toBe(1);
  });
});

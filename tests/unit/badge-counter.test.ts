// The toolbar count is kept current from each page's views without re-evaluating every cached case.
import { describe, expect, it } from 'vitest';
import { BadgeCounter } from '../../utils/background/badge';

const v = (caseKey: string, level: string, closed = false) => ({ caseKey, closed, badge: { level: level as 'ok', daysLeft: 1, title: '' } });

describe('BadgeCounter', () => {
  it('counts pending overdue and urgent cases and follows each page', () => {
    const c = new BadgeCounter();
    expect(c.update('2026-11-23', [v('a', 'overdue')])).toBeNull(); // no full count yet
    expect(c.reset('2026-11-23', [v('a', 'overdue'), v('b', 'urgent'), v('c', 'warning'), v('d', 'overdue', true)])).toBe(2);
    expect(c.update('2026-11-23', [v('c', 'urgent')])).toBe(3);
    expect(c.update('2026-11-23', [v('a', 'closed-in-time', true), v('b', 'ok')])).toBe(1);
    expect(c.update('2026-11-23', [v('c', 'urgent')])).toBe(1); // the same case twice counts once
    expect(c.update('2026-11-24', [v('c', 'urgent')])).toBeNull(); // a new day needs a full count
  });
});

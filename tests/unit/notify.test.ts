import { describe, expect, it } from 'vitest';
import { diffNotifications, EMPTY_NOTIFY_STATE, NotifyStateSchema, type NotifyCandidate } from '../../utils/background/notify';

const c = (level: string, extra: Partial<NotifyCandidate> = {}): NotifyCandidate => ({ caseKey: 'k1', caseNo: '（2025）渝0107民初1号', level, daysLeft: level === 'overdue' ? -3 : 2, dueOn: '2025-07-02', ...extra });

describe('notifications: at most once per case per level', () => {
  it('notifies urgent once, then overdue once, never again for either level', () => {
    const a = diffNotifications(EMPTY_NOTIFY_STATE, [c('urgent')]);
    expect(a.items.map((i) => i.key)).toEqual(['urgent']);
    expect(a.items[0].message).toContain('剩余 2 天');
    expect(diffNotifications(a.next, [c('urgent')]).items).toEqual([]);
    const b = diffNotifications(a.next, [c('overdue')]);
    expect(b.items.map((i) => i.key)).toEqual(['overdue']);
    expect(b.items[0].message).toContain('已超过 3 天');
    expect(diffNotifications(b.next, [c('overdue'), c('urgent')]).items).toEqual([]);
    expect(NotifyStateSchema.parse(b.next).notified.k1).toEqual(['urgent', 'overdue']);
  });
  it('ignores notice / warning levels; 待阅核 is per document; the input state is not mutated', () => {
    expect(diffNotifications(EMPTY_NOTIFY_STATE, [c('warning'), c('notice', { caseKey: 'k2' })]).items).toEqual([]);
    const r = diffNotifications(EMPTY_NOTIFY_STATE, [c('ok', { review: { ref: 'w1', title: '判决书' } })]);
    expect(r.items.map((i) => i.key)).toEqual(['review:w1']);
    expect(diffNotifications(r.next, [c('ok', { review: { ref: 'w1', title: '判决书' } })]).items).toEqual([]);
    expect(diffNotifications(r.next, [c('ok', { review: { ref: 'w2', title: '裁定书' } })]).items.map((i) => i.key)).toEqual(['review:w2']);
    expect(EMPTY_NOTIFY_STATE.notified).toEqual({});
  });
});

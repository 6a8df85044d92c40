// The background's own handlers, called as the router would (validated message in, data out).
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../utils/background';
import { ingestPage, openDb } from '../../utils/store';

describe('getCaseViews', () => {
  it('answers in request order with null for unknown cases, from one read', async () => {
    const db = openDb(`handlers-${Math.random()}`);
    const known = { caseNo: '（2024）渝0107民初100号', category: 'civil' as const, procedure: 'ordinary' as const, filedOn: '2024-06-03' };
    await ingestPage(db, { profileId: 'p', pageKind: 'case-list', url: 'http://h/', cases: [known] });
    const h = createHandlers(db);
    const reply = await h.getCaseViews!({ type: 'getCaseViews', caseNos: ['(2024)渝0107民初999号', '(2024)渝0107民初100号'] }, { id: 'x' });
    expect(reply.views[0]).toBeNull();
    expect(reply.views[1]?.caseKey).toBe('(2024)渝0107民初100号');
    expect(reply.views[1]?.deadline?.dueOn).toBe('2024-12-03'); // 6 months from 立案 (民诉法 art 152)
    await db.delete();
  });
});

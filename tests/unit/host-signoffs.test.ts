// A 庭长's sign-off made in another browser reaches the judge: read back from the host, stored once, as synced.
import { describe, expect, it } from 'vitest';
import { pullHostSignoffs } from '../../utils/background/host-signoffs';
import { getCase, ingestPage, listSignoffs, openDb } from '../../utils/store';

const CASE = { caseNo: '(2025)渝0107民初77号', hostRef: 'c000077', url: 'http://127.0.0.1:5180/app/cases/c000077/documents', cause: '买卖合同纠纷' };
const hostItem = {
  id: 's1', caseId: 'c000077', caseNo: CASE.caseNo, clientId: 'web-1', documentRef: 'c000077-w03', decision: '有意见',
  opinion: '事实认定部分需补充', recommendedRoute: '专业法官会议', reviewer: '林国栋', reviewerRole: '庭长',
  reviewedAt: '2025-06-01T10:00:00+08:00', recordedAt: '2025-06-01T10:00:01+08:00',
};

async function setup() {
  const db = openDb(`host-signoffs-${Math.random()}`);
  await ingestPage(db, { profileId: 'demo-modern', pageKind: 'case-detail', url: CASE.url, cases: [CASE] });
  return { db, stored: (await getCase(db, CASE.caseNo))! };
}

describe('sign-off read-back', () => {
  it('stores the host records once, as synced, from the profile read endpoint', async () => {
    const { db, stored } = await setup();
    const urls: string[] = [];
    const getJson = async (url: string) => (urls.push(url), { items: [hostItem, { ...hostItem, clientId: undefined, id: 's2', decision: '同意', opinion: undefined, recommendedRoute: null }] });
    expect(await pullHostSignoffs(db, stored, getJson)).toEqual({ added: 2 });
    expect(urls).toEqual(['http://127.0.0.1:5180/api/cases/c000077/signoffs']);
    expect(await pullHostSignoffs(db, stored, getJson)).toEqual({ added: 0 });
    const rows = await listSignoffs(db, CASE.caseNo);
    expect(rows.map((r) => [r.clientId, r.decision, r.syncState])).toEqual([['web-1', '有意见', 'synced'], ['host-s2', '同意', 'synced']]);
    expect(rows[0].recommendedRoute).toBe('专业法官会议');
  });

  it('skips a host record it cannot read and reports a host that is down, keeping what is stored', async () => {
    const { db, stored } = await setup();
    const bad = { ...hostItem, clientId: 'web-2', decision: '有意见', opinion: '' }; // 有意见 without an opinion
    expect(await pullHostSignoffs(db, stored, async () => [bad, hostItem])).toEqual({ added: 1 });
    const down = await pullHostSignoffs(db, stored, async () => { throw new Error('HTTP 503'); });
    expect(down).toEqual({ error: '读取办案系统阅核记录失败：HTTP 503' });
    expect((await listSignoffs(db, CASE.caseNo)).map((r) => r.clientId)).toEqual(['web-1']);
  });
});

describe('sign-off read-back without a stored case URL', () => {
  it('resolves the endpoint against the asking page, only on the profile origins', async () => {
    const db = openDb(`host-signoffs-${Math.random()}`);
    const { url: _u, ...noUrl } = CASE;
    await ingestPage(db, { profileId: 'demo-modern', pageKind: 'case-detail', url: CASE.url, cases: [noUrl] });
    const stored = (await getCase(db, CASE.caseNo))!;
    const urls: string[] = [];
    const getJson = async (url: string) => (urls.push(url), { items: [] });
    expect(await pullHostSignoffs(db, stored, getJson, 'http://127.0.0.1:5199/app/cases/c000077/basic')).toEqual({ added: 0 });
    expect(urls).toEqual(['http://127.0.0.1:5199/api/cases/c000077/signoffs']);
    expect(await pullHostSignoffs(db, stored, getJson, 'https://evil.example/x')).toEqual({ error: '无法确定办案系统阅核记录的地址（缺少案件标识或所在页面不属于该站点）' });
  });
});

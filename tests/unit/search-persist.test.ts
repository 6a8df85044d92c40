import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { corpusFingerprint, importCorpus, loadIndex, removeEntries, getEntries, SearchDb, searchDb, SEARCH_DB_NAME } from '../../utils/search/persist';
import { search } from '../../utils/search/search';

const lines = readFileSync('../shared/datasets/lecard/corpus.jsonl', 'utf8').split('\n').filter(Boolean).slice(0, 60);
let n = 0;
const freshDb = () => new SearchDb(`zhixiao-search-test-${Date.now()}-${n++}`);

describe('persistence (fake-indexeddb)', () => {
  it('uses its own database with docs, chunks and meta tables', () => {
    const db = searchDb();
    expect(db.name).toBe(SEARCH_DB_NAME);
    expect(SEARCH_DB_NAME).toBe('zhixiao-search');
    expect(db.tables.map((t) => t.name).sort()).toEqual(['caseState', 'chunks', 'docs', 'meta']); // caseState: 类案 panel (v2)
  });

  it('imports JSON lines, reports bad lines by number, and imports the rest', async () => {
    const db = freshDb();
    const text = [lines[0], '{not json', lines[1], JSON.stringify({ id: 'x', title: 't' }), '', lines[2]].join('\n');
    const r = await importCorpus(text, 'jsonl', db);
    expect(r.added).toBe(3);
    expect(r.errors.map((e) => e.line)).toEqual([2, 4]);
    expect(r.errors[0].message).toMatch(/JSON/);
    expect(r.errors[1].message).toMatch(/text/);
    expect(await db.docs.count()).toBe(3);
    const e = (await getEntries([JSON.parse(lines[0]).id], db)).get(JSON.parse(lines[0]).id)!;
    expect(e.facts).toBe(JSON.parse(lines[0]).text);
    expect(e.tier).toBe(4);
  });

  it('round-trips the index through IndexedDB and re-import updates instead of duplicating', async () => {
    const db = freshDb();
    const first = await importCorpus(lines.join('\n'), 'jsonl', db);
    expect(first.added).toBe(60);
    const { index } = await loadIndex(db);
    expect(index.size).toBe(60);
    const q = { text: JSON.parse(lines[5]).text };
    const top = search(index, q, { limit: 5 });
    expect(top.hits[0].id).toBe(JSON.parse(lines[5]).id);

    // a new connection (another extension page) trusts the stored index: no rebuild, same ranking
    const db2 = new SearchDb(db.name);
    const loaded = await loadIndex(db2);
    expect(loaded.rebuilt).toBe(false);
    expect(search(loaded.index, q, { limit: 5 }).hits.map((h) => [h.id, h.score])).toEqual(top.hits.map((h) => [h.id, h.score]));

    // same lines again: nothing changes
    const again = await importCorpus(lines.join('\n'), 'jsonl', db);
    expect([again.added, again.updated, again.unchanged]).toEqual([0, 0, 60]);
    expect(await db.docs.count()).toBe(60);

    // one changed line: updated incrementally
    const changed = { ...JSON.parse(lines[7]), text: '被告人在网吧盗窃他人笔记本电脑一台，价值人民币三千元，案发后退赔。' };
    const upd = await importCorpus(JSON.stringify(changed), 'jsonl', db);
    expect([upd.added, upd.updated, upd.index]).toEqual([0, 1, 'incremental']);
    const { index: idx2, rebuilt } = await loadIndex(db);
    expect(rebuilt).toBe(false);
    expect(idx2.size).toBe(60);
    expect(search(idx2, { text: '在网吧盗窃他人笔记本电脑一台' }, { limit: 1 }).hits[0].id).toBe(changed.id);

    // removal
    expect(await removeEntries([changed.id], db)).toBe(1);
    const { index: idx3 } = await loadIndex(db);
    expect(idx3.size).toBe(59);
    expect(idx3.has(changed.id)).toBe(false);
  });

  it('rebuilds an index that is out of date with its corpus instead of trusting it', async () => {
    const db = freshDb();
    await importCorpus(lines.slice(0, 10).join('\n'), 'jsonl', db);
    const fp = await corpusFingerprint(db);
    // the corpus changes behind the index's back (e.g. another writer, a crash mid-import)
    const row = (await db.docs.toArray())[0];
    await db.docs.put({ ...row, facts: '完全不同的事实：被告人驾驶机动车醉酒后在道路上行驶。', hash: row.hash ^ 1 });
    expect(await corpusFingerprint(db)).not.toBe(fp);
    const fresh = new SearchDb(db.name); // no in-memory cache
    const { index, rebuilt } = await loadIndex(fresh);
    expect(rebuilt).toBe(true);
    expect(search(index, { text: '醉酒后驾驶机动车在道路上行驶' }, { limit: 1 }).hits[0].id).toBe(row.id);
    expect((await fresh.meta.get('index'))!.fingerprint).toBe(await corpusFingerprint(fresh));
  });

  it('imports 人民法院案例库 entries (Chinese keys, seven fields + metadata)', async () => {
    const db = freshDb();
    const entry = {
      入库编号: '2024-18-1-222-001',
      标题: '张某盗窃案',
      副标题: '入户盗窃的认定',
      关键词: ['刑事', '盗窃', '入户盗窃'],
      基本案情: '被告人张某白天进入被害人家中，窃取现金人民币二千元及手机一部。',
      裁判理由: '被告人以非法占有为目的，入户窃取他人财物，其行为构成盗窃罪。',
      裁判要旨: '为实施盗窃进入他人生活的、与外界相对隔离的住所，属于入户盗窃。',
      关联索引: '《中华人民共和国刑法》第264条',
      案号: '（2021）京01刑终123号',
      法院: '北京市第一中级人民法院',
      裁判日期: '2021年6月8日',
      案例类型: '参考案例',
      罪名: ['盗窃罪'],
    };
    const bad = { 标题: '缺少基本案情' };
    const r = await importCorpus([JSON.stringify(entry), JSON.stringify(bad)].join('\n'), 'caselib', db);
    expect(r.added).toBe(1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].line).toBe(2);
    expect(r.errors[0].message).toMatch(/基本案情/);
    const e = (await db.docs.get('2024-18-1-222-001'))!;
    expect(e.statutes).toEqual(['刑法 264']);
    expect(e.date).toBe('2021-06-08');
    expect(e.keywords).toEqual(['刑事', '盗窃', '入户盗窃']);
    expect(e.gist).toMatch(/入户盗窃/);
    const { index } = await loadIndex(db);
    const hit = search(index, { text: '被告人进入他人住宅窃取财物', statutes: ['刑法第二百六十四条'] }, { limit: 1, today: '2026-01-01' }).hits[0];
    expect(hit.id).toBe('2024-18-1-222-001');
    expect(hit.reasons.statutes).toEqual(['刑法 264']);
    expect(hit.reasons.charges).toEqual([]);
    expect(hit.reasons.inWindow).toBe(false);
  });
});

// Ingest benchmark (Node, fake-indexeddb): prints one JSON line per figure.
// - list rows: 5,000 generated cases (parties, events, documents) on one page into a fresh database, the same
//   5,000 again (the idempotent path), and all of them changed;
// - case pages: 5,000 case pages of the demo court (tests/host/seed.ts generateCases → model.ts toSnapshot, with
//   parties, events, 电子卷宗 and 文书, as tests/bench/scale.ts sends them: pages of 500) into a store that already
//   holds 5,000 other case pages — new cases, cases whose list rows only are cached, the same pages unchanged, and
//   one new event on every case.
// Run: npx tsx tests/bench/ingest.ts
import 'fake-indexeddb/auto';
import { pathToFileURL } from 'node:url';
import type { CaseSnapshot } from '../../utils/domain/case';
import { openDb, type ZhixiaoDB } from '../../utils/store/db';
import { ingestPage } from '../../utils/store/repo';
import { toSnapshot } from '../host/model';
import { generateCases as generateHostCases } from '../host/seed';

const N = 5000;
const BUDGET_MS = 3000;

function pad(n: number, w = 2) {
  return String(n).padStart(w, '0');
}
function date(dayOffset: number): string {
  const d = new Date(Date.UTC(2023, 0, 1) + dayOffset * 86_400_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Deterministic cases, roughly what a court's list + detail pages yield. */
export function generateCases(n: number): CaseSnapshot[] {
  const judges = ['张三', '李四', '王五', '赵六', '钱七', '孙八'];
  const divisions = ['民一庭', '民二庭', '刑庭', '行政庭', '执行局'];
  const out: CaseSnapshot[] = [];
  for (let i = 0; i < n; i++) {
    const filed = i % 600;
    const closed = i % 3 === 0;
    out.push({
      caseNo: `（2023）渝0107民初${1000 + i}号`,
      hostRef: `C${100000 + i}`,
      url: `http://127.0.0.1:5180/case/${100000 + i}`,
      cause: i % 2 ? '民间借贷纠纷' : '买卖合同纠纷',
      category: 'civil',
      procedure: i % 4 ? 'ordinary' : 'simple',
      filedOn: date(filed),
      ...(closed ? { closedOn: date(filed + 90), closeMethod: '判决', status: 'closed' as const } : { status: 'pending' as const }),
      judge: judges[i % judges.length],
      division: divisions[i % divisions.length],
      panel: [judges[i % judges.length], judges[(i + 1) % judges.length]],
      amount: (i * 7919) % 1_000_000,
      parties: [
        { name: `原告${i}`, role: '原告' },
        { name: `被告${i}`, role: '被告' },
        ...(i % 5 === 0 ? [{ name: `第三人${i}`, role: '第三人' }] : []),
      ],
      events: [
        { kind: 'hearing', on: date(filed + 30) },
        ...(i % 3 === 0 ? [{ kind: 'deduction' as const, reason: '鉴定', from: date(filed + 40), to: date(filed + 70) }] : []),
        ...(i % 7 === 0 ? [{ kind: 'extension' as const, on: date(filed + 170), months: 6, approvedBy: '院长' }] : []),
      ],
      documents: [
        { title: '起诉状', date: date(filed), volume: 'main' },
        { title: '受理通知书', date: date(filed + 1), volume: 'main' },
        { title: '送达回证', date: date(filed + 3), volume: 'main', party: `被告${i}` },
        ...(closed ? [{ title: '判决书', date: date(filed + 90), volume: 'main' as const, status: 'issued' as const }] : []),
      ],
      signals: i % 50 === 0 ? ['发回重审'] : [],
    });
  }
  return out;
}

/** Runs the benchmark and prints its JSON lines. */
export async function runIngestBench(): Promise<void> {
  const cases = generateCases(N);
  const db = openDb(`bench-ingest-${Date.now()}`);
  await db.open();
  const page = { profileId: 'demo-classic', pageKind: 'case-list', url: 'http://127.0.0.1:5180/cases', cases };

  let t0 = performance.now();
  const first = await ingestPage(db, page, 1_700_000_000_000);
  const firstMs = Math.round(performance.now() - t0);
  if (first.inserted !== N) throw new Error(`expected ${N} inserted, got ${JSON.stringify(first)}`);
  console.log(JSON.stringify({ name: `ingest ${N} cases`, value: firstMs, unit: 'ms', budget: BUDGET_MS, better: 'lower' }));

  t0 = performance.now();
  const again = await ingestPage(db, page, 1_700_000_100_000);
  const againMs = Math.round(performance.now() - t0);
  if (again.unchanged !== N) throw new Error(`expected ${N} unchanged, got ${JSON.stringify(again)}`);
  console.log(JSON.stringify({ name: `re-ingest ${N} unchanged cases`, value: againMs, unit: 'ms', budget: BUDGET_MS, better: 'lower' }));

  // every case changes: closed, first event gone, one document added
  const changed = cases.map((c) => ({
    ...c,
    status: 'closed' as const,
    closedOn: '2025-06-30',
    events: c.events!.slice(1),
    documents: [...c.documents!, { title: '结案报告', date: '2025-06-30', volume: 'sub' as const }],
  }));
  t0 = performance.now();
  const upd = await ingestPage(db, { ...page, cases: changed }, 1_700_000_200_000);
  const updMs = Math.round(performance.now() - t0);
  if (upd.updated !== N) throw new Error(`expected ${N} updated, got ${JSON.stringify(upd)}`);
  console.log(JSON.stringify({ name: `re-ingest ${N} changed cases`, value: updMs, unit: 'ms', budget: BUDGET_MS, better: 'lower' }));

  await db.delete();
}

const PAGE = 500;

/** Ingests `cases` in pages of 500 (each page one ingestPage, as the background's handler does); total ms. */
async function ingestInPages(db: ZhixiaoDB, cases: CaseSnapshot[], pageKind: string, now: number): Promise<{ ms: number; inserted: number; updated: number; unchanged: number }> {
  const out = { ms: 0, inserted: 0, updated: 0, unchanged: 0 };
  for (let i = 0; i < cases.length; i += PAGE) {
    const t0 = performance.now();
    const r = await ingestPage(db, { profileId: 'demo-modern', pageKind, url: 'http://127.0.0.1:5180/app/cases', cases: cases.slice(i, i + PAGE) }, now);
    out.ms += performance.now() - t0;
    out.inserted += r.inserted;
    out.updated += r.updated;
    out.unchanged += r.unchanged;
  }
  out.ms = Math.round(out.ms);
  return out;
}

/** 5,000 demo-court case pages into a store that already holds 5,000 others (Node + fake-indexeddb). */
export async function runCasePageBench(): Promise<void> {
  const host = generateHostCases({ seed: 7, count: 2 * N, today: '2025-06-30' }).slice(0, 2 * N);
  const snaps = host.map((c) => toSnapshot(c, 'http://127.0.0.1:5180'));
  const items = (c: CaseSnapshot) => (c.parties?.length ?? 0) + (c.events?.length ?? 0) + (c.documents?.length ?? 0) + (c.writs?.length ?? 0);
  const older = snaps.slice(0, N);
  const target = snaps.slice(N);
  const perCase = target.reduce((n, c) => n + items(c), 0) / target.length;
  const fig = (name: string, value: number) => console.log(JSON.stringify({ name, value, unit: 'ms', budget: BUDGET_MS, better: 'lower' }));
  const check = (what: string, r: { inserted: number; updated: number; unchanged: number }, want: Partial<Record<'inserted' | 'updated' | 'unchanged', number>>) => {
    for (const [k, v] of Object.entries(want)) if (r[k as keyof typeof want] !== v) throw new Error(`${what}: expected ${k} = ${v}, got ${JSON.stringify(r)}`);
  };
  const T = 1_700_000_000_000;

  // a) new cases
  let db = openDb(`bench-ingest-pages-${Date.now()}`);
  await db.open();
  check('prefill', await ingestInPages(db, older, 'case-detail', T), { inserted: N });
  const fresh = await ingestInPages(db, target, 'case-detail', T + 1000);
  check('new', fresh, { inserted: N });
  fig(`ingest ${N} case pages (${perCase.toFixed(1)} section items each) into a store of ${N} others, new cases, pages of ${PAGE}`, fresh.ms);

  // c) the same pages again
  const same = await ingestInPages(db, target, 'case-detail', T + 2000);
  check('unchanged', same, { unchanged: N });
  fig(`re-ingest the same ${N} case pages (unchanged)`, same.ms);

  // d) one new 开庭 record on every case (one section changes)
  const withHearing = target.map((c) => ({ ...c, events: [...(c.events ?? []), { kind: 'hearing' as const, on: '2025-06-29' }] }));
  const oneSection = await ingestInPages(db, withHearing, 'case-detail', T + 3000);
  check('one section', oneSection, { updated: N });
  fig(`re-ingest ${N} case pages with one new event each`, oneSection.ms);
  await db.delete();

  // b) cases whose list rows (scalars only) are cached: the case pages add their sections
  db = openDb(`bench-ingest-listed-${Date.now()}`);
  await db.open();
  check('prefill', await ingestInPages(db, older, 'case-detail', T), { inserted: N });
  const listRows = target.map(({ parties: _p, events: _e, documents: _d, writs: _w, ...scalars }) => scalars);
  check('list rows', await ingestInPages(db, listRows, 'case-list', T + 500), { inserted: N });
  const listed = await ingestInPages(db, target, 'case-detail', T + 1000);
  check('listed', listed, { updated: N });
  fig(`ingest ${N} case pages whose list rows are cached, into a store of ${N} others`, listed.ms);
  await db.delete();
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  runIngestBench().then(runCasePageBench).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

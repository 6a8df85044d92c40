// Case-view benchmark (Node): the views the background computes for 5,000 demo-court case pages
// (tests/host/seed.ts generateCases → model.ts toSnapshot: parties, events, 电子卷宗, 文书), with the default
// configuration (built-in rules and archive table, no holiday overrides: what utils/background/views.ts
// evaluateConfig returns for an empty settings table). buildCaseView is the function ViewCache.viewOf calls on a
// miss. Prints one JSON line per figure (median of five runs after two warm-up runs); the sha256 of JSON.stringify
// of all views goes to stderr, so an optimisation can show it changed no view.
// Run: npx tsx tests/bench/views.ts
import { createHash } from 'node:crypto';
import { checkArchive } from '../../utils/domain/archive';
import { supervisionArchiveContext } from '../../utils/domain/archive-context';
import { evaluateCase, type EvaluateConfig } from '../../utils/domain/evaluate';
import { DEFAULT_ARCHIVE_TABLE, type ArchiveTable } from '../../utils/rules/archive';
import { buildCaseView } from '../../utils/views/build';
import type { CaseView } from '../../utils/views/case-view';
import { toSnapshot } from '../host/model';
import { generateCases } from '../host/seed';

const N = 5000;
const TODAY = '2025-06-30';
/** timed runs (median reported), after WARMUP untimed ones: the first runs measure the JIT more than the code */
const RUNS = 5;
const WARMUP = 2;

const snaps = generateCases({ seed: 7, count: N, today: TODAY }).slice(0, N).map((c) => toSnapshot(c, 'http://127.0.0.1:5180'));
const items = snaps.reduce((n, c) => n + (c.parties?.length ?? 0) + (c.events?.length ?? 0) + (c.documents?.length ?? 0) + (c.writs?.length ?? 0), 0) / N;
const config: EvaluateConfig & { archiveTable?: ArchiveTable } = { archiveTable: DEFAULT_ARCHIVE_TABLE };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timed(run: () => void): number {
  for (let r = 0; r < WARMUP; r++) run();
  const ms: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    run();
    ms.push(performance.now() - t0);
  }
  return Math.round(median(ms));
}

const fig = (name: string, value: number, budget: number) => console.log(JSON.stringify({ name, value, unit: 'ms', budget, better: 'lower' }));

let views: CaseView[] = [];
const viewsMs = timed(() => {
  views = snaps.map((s) => buildCaseView(s, TODAY, config));
});
fig(`views: build ${N} case views (${items.toFixed(1)} section items each)`, viewsMs, 600);

// The parts, for profiling without a profiler: the deadline evaluation and the archive check of the closed cases.
fig(`views: evaluateCase for ${N} cases`, timed(() => {
  for (const s of snaps) evaluateCase(s, TODAY, config);
}), 400);
const closed = snaps.filter((s) => s.status !== 'archived' && !s.archivedOn && (s.status === 'closed' || s.closedOn));
fig(`views: checkArchive for the ${closed.length} cases awaiting archiving`, timed(() => {
  for (const s of closed) {
    const context = supervisionArchiveContext({ snapshot: s, supervised: (s.review?.triggers ?? []).some((t) => t.includes('四类')) });
    checkArchive({ snapshot: s, today: TODAY, context }, DEFAULT_ARCHIVE_TABLE);
  }
}), 200);

const hash = createHash('sha256').update(JSON.stringify(views)).digest('hex');
console.error(`[views] ${views.length} views, sha256 ${hash}`);

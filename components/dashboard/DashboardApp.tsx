// 质效看板: indicators against their reference ranges (never a ranking), drill-down to the cases behind each
// number, two small charts, the ledgers (台账) with filters and .xlsx / .csv export, the .ics calendar of my
// deadlines, and a printable 周通报. Props in → markup out: the data comes from `load` (utils/pages/dashboard-data).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  computeIndicators, daysLeftHistogram, monthlyTrend, type IndicatorResult,
} from '../../utils/domain/indicators';
import {
  applyFilter, archiveLedger, CATEGORY_LABEL, deadlineLedger, filterOptions, groupCounts, hiddenLedger, inScope, ledgerTable,
  longPendingLedger, marksLedger, PERIOD_LABEL, periodOf, resolveCaseNos, reviewLedger, scopesFor, toIndicatorCase,
  type DashFilter, type DashRow, type Ledger, type PeriodPreset,
} from '../../utils/pages/dashboard-ledgers';
import { indicatorMemoKey, memoResults, openingIndicatorInputs, type DashboardData, type OpeningView } from '../../utils/pages/dashboard-data';
import { LEDGER_PAGE, ledgerPageRows, OPENING_LEDGER, openingScreenOf, sameScreen, type OpeningScreen } from '../../utils/pages/dashboard-screen';
import { buildDeadlineEvents } from '../../utils/export/deadline-calendar';
import { toIcs } from '../../utils/export/ics';
import { diffDays } from '../../utils/domain/dates';
import { DaysLeftChart, fmt, TrendChart } from './Charts';
import { downloadCsv, downloadText, downloadXlsx } from './download';
import { badgeText } from '../CountdownBadge';

const PAGE = LEDGER_PAGE;

/** The ledger tabs in display order (titles as the ledgers give them; shown before a ledger is computed). */
const LEDGER_TABS = [
  { id: 'deadlines', title: '审限台账' }, { id: 'long-pending', title: '长期未结台账' }, { id: 'hidden', title: '隐形超审限线索' },
  { id: 'marks', title: '四类案件标记' }, { id: 'review', title: '阅核台账' }, { id: 'archive', title: '归档台账' },
] as const;

export const STATUS_LABEL: Record<IndicatorResult['status'], string> = {
  'in-range': '在参考区间内', above: '高于参考区间', below: '低于参考区间', 'no-range': '未设参考区间', 'insufficient-data': '数据不足',
};

export function rangeText(r: IndicatorResult): string {
  const rr = r.referenceRange;
  if (!rr || (rr.low === undefined && rr.high === undefined)) return '未设参考区间';
  const u = r.unit === '%' ? '%' : r.unit === '天' ? ' 天' : '';
  if (rr.low !== undefined && rr.high !== undefined) return `${rr.low}${u} – ${rr.high}${u}`;
  return rr.low !== undefined ? `≥ ${rr.low}${u}` : `≤ ${rr.high}${u}`;
}

interface Drill { title: string; caseNos: string[] }

/** Performance marks for the first-paint budget (tests/bench/dashboard.ts): data in hand, indicators on screen, all done. */
export const MARK_DATA = 'zx:dash-data';
export const MARK_PAINTED = 'zx:dash-painted';
export const MARK_COMPLETE = 'zx:dash-complete';
/** the opening view's indicators came from the memo (tests; once per page) */
export const MARK_REMEMBERED = 'zx:dash-indicators-remembered';
/** the first paint came from the opening-screen memo, before the rows were read (tests, bench) */
export const MARK_SCREEN = 'zx:dash-screen-remembered';
/** the live data's opening screen differed from the one painted from the memo (must never happen; tests) */
export const MARK_SCREEN_MISMATCH = 'zx:dash-screen-mismatch';
const mark = (name: string) => { try { performance.mark(name); } catch { /* no performance API */ } };
const markOnce = (name: string) => { try { if (!performance.getEntriesByName(name, 'mark').length) performance.mark(name); } catch { /* no performance API */ } };
/** Runs `f` once the browser has painted what was just rendered. */
const afterPaint = (f: () => void) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => setTimeout(f, 0)) : setTimeout(f, 0));

export type DashLoad = (onProgress: (done: number, total: number) => void) => Promise<DashboardData>;
/** The opening view from the memo (utils/pages/dashboard-data loadOpeningView): null when it cannot be used. */
export type DashOpening = () => Promise<OpeningView | null>;

/**
 * With `opening`: first the cheap check; when the memo can be used, the opening view is painted from it and the
 * rows are loaded after that paint (the live data then replaces it: same markup, same values). Else, or when the
 * check fails, the rows are loaded at once.
 */
export function DashboardApp({ load, opening }: { load: DashLoad; opening?: DashOpening }) {
  const [data, setData] = useState<DashboardData | null>(null);
  const [view, setView] = useState<OpeningView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const start = useMemo(() => {
    let started = false;
    return () => {
      if (started) return;
      started = true;
      load((done, total) => setProgress({ done, total })).then((d) => { mark(MARK_DATA); setData(d); }, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    };
  }, [load]);
  useEffect(() => {
    // (the printable notice is computed from the rows: no memo paint before it)
    if (!opening || noticeRequested()) { start(); return; }
    opening().then((v) => (v ? setView(v) : start()), () => start());
  }, [start, opening]);
  if (error) return <div class="zx-dash"><h1>质效看板</h1><p class="error">读取本地数据失败：{error}</p></div>;
  if (!data && !view) {
    return (
      <div class="zx-dash"><h1>质效看板</h1>
        {progress ? (
          <p class="muted" data-progress>正在计算 {progress.done}/{progress.total} 件 <progress max={progress.total} value={progress.done} />
            <br />首次打开、规则设置变化或日期变化后，需按今日重新计算各案审限；计算结果会保存在本机，下次打开直接显示。全部算完后才显示指标，不显示不完整的数字。</p>
        ) : <p class="muted">读取中…</p>}
      </div>
    );
  }
  // (another recorded user between the check and the load: other scopes, a fresh board)
  const user = (data ?? view!).user;
  return <Board key={JSON.stringify(scopesFor(user).scopes)} data={data} view={data ? (view && view.today === data.today ? view : null) : view} onPainted={start} />;
}

/** The page was opened for the printable 周通报 (?view=notice). */
const noticeRequested = () => typeof location !== 'undefined' && new URLSearchParams(location.search).get('view') === 'notice';

/** Shown while the rows are being read after a memo paint (controls that need the rows wait for them). */
const WAIT_TITLE = '正在读取本机缓存的案件，稍候可用';

/**
 * The board over the live data, or — before it is in — over the opening view from the memo (`view`): the same
 * markup with the memo's values; controls that need the rows are disabled until the live data replaces it.
 */
function Board({ data, view, onPainted }: { data: DashboardData | null; view: OpeningView | null; onPainted: () => void }) {
  const live = data !== null;
  const meta = (data ?? view)!;
  const { scopes, note } = useMemo(() => scopesFor(meta.user), [meta.user]);
  const [scopeIdx, setScopeIdx] = useState(scopes.length - 1);
  const [period, setPeriod] = useState<PeriodPreset>('year');
  const [filter, setFilter] = useState<DashFilter>({});
  const [drill, setDrill] = useState<Drill | null>(null);
  const [mode, setMode] = useState<'board' | 'notice'>(() => (noticeRequested() ? 'notice' : 'board'));
  const [trendId, setTrendId] = useState(meta.defs.find((d) => d.enabled !== false)?.id ?? '');
  const [ledgerId, setLedgerId] = useState<string>(OPENING_LEDGER);

  const scope = scopes[Math.min(scopeIdx, scopes.length - 1)];
  const scoped = useMemo(() => (data ? inScope(data.rows, scope) : []), [data, scope]);
  const options = useMemo(() => (data ? filterOptions(scoped) : view!.screen.options), [data, scoped]);
  const rows = useMemo(() => applyFilter(scoped, filter), [scoped, filter]);
  const icases = useMemo(() => rows.map(toIndicatorCase), [rows]);
  const per = periodOf(period, meta.today);
  // The opening view's indicators, when an earlier open computed them from exactly these rows (same scope, filter,
  // period, definitions), come from the memo; anything else is computed. Only the opening view is memoised.
  const opening = scopeIdx === scopes.length - 1 && period === 'year' && Object.keys(filter).length === 0;
  const memoKey = data?.indicatorMemo && opening ? indicatorMemoKey(data.indicatorMemo, openingIndicatorInputs(data)) : null;
  const remembered = useMemo(() => {
    const r = memoResults<IndicatorResult>(data?.indicatorMemo, memoKey);
    if (r) markOnce(MARK_REMEMBERED);
    return r;
  }, [memoKey]);
  const results = useMemo(() => (data ? remembered ?? computeIndicators(icases, per, data.defs) : view!.results), [data, remembered, icases, per.periodStart]);
  const trendDef = meta.defs.find((d) => d.id === trendId);
  // First paint: the indicators and the open ledger's first page (from the memo or the live data). The charts and
  // the other ledgers follow once the live data is in and painted (placeholders, never numbers, until then).
  const [full, setFull] = useState(false);
  useEffect(() => {
    if (!live) { markOnce(MARK_SCREEN); markOnce(MARK_REMEMBERED); }
    afterPaint(() => { mark(MARK_PAINTED); onPainted(); });
  }, []);
  useEffect(() => { if (live) afterPaint(() => setFull(true)); }, [live]);
  useEffect(() => { if (full) afterPaint(() => mark(MARK_COMPLETE)); }, [full]);
  const trend = useMemo(() => (full && data && trendDef ? monthlyTrend(icases, trendDef.id, 12, data.today, data.defs) : null), [full, icases, trendId, data]);
  const hist = useMemo(() => (full ? daysLeftHistogram(rows.map((r) => ({ caseNo: r.caseNo, deadline: r.view.closed ? { level: 'closed-in-time' } : r.view.deadline }))) : null), [full, rows]);
  const ledgerOf = useMemo(() => (data ? {
    deadlines: () => deadlineLedger(rows), 'long-pending': () => longPendingLedger(rows), hidden: () => hiddenLedger(rows),
    marks: () => marksLedger(data.marks, rows), review: () => reviewLedger(data.signoffs, rows), archive: () => archiveLedger(rows, data.today, data.archiveTable),
  } as Record<string, () => Ledger<any>> : null), [rows, data]);
  const ledgers = useMemo(() => {
    const all = full || mode === 'notice';
    return LEDGER_TABS.map((t) => (ledgerOf && (all || t.id === ledgerId) ? ledgerOf[t.id]() : null));
  }, [ledgerOf, full || mode === 'notice' ? '*' : ledgerId]);
  // The opening screen of the live data: stored for the next open (after this paint) and, after a memo paint,
  // compared with what was painted (equal by construction; a difference is marked for the tests).
  const openingLedger = ledgers[LEDGER_TABS.findIndex((t) => t.id === OPENING_LEDGER)];
  const liveScreen = useMemo(() => (data && opening && openingLedger
    ? openingScreenOf({ rowCount: data.rows.length, scoped, options, ledger: openingLedger as Ledger<DashRow> }) : null), [data, opening, openingLedger]);
  useEffect(() => {
    if (liveScreen && view && !sameScreen(liveScreen, view.screen)) mark(MARK_SCREEN_MISMATCH);
  }, [liveScreen]);
  const saved = useRef<string | null>(null);
  useEffect(() => {
    const memo = data?.indicatorMemo;
    if (!memo || !memoKey || !liveScreen || saved.current === memoKey) return;
    saved.current = memoKey;
    if (remembered && memo.screenKey === memoKey) return;
    afterPaint(() => void (async () => {
      // the results first: an open paints from the memo only when both records carry its key
      if (!remembered && (await memo.save(memoKey, results)) !== null) return;
      if (memo.screenKey !== memoKey) await memo.saveScreen(memoKey, liveScreen);
    })());
  }, [memoKey, liveScreen]);

  const scopeText = `${scope.label}${filter.division ? ` · ${filter.division}` : ''}${filter.judge ? ` · ${filter.judge}` : ''}${filter.category ? ` · ${CATEGORY_LABEL[filter.category] ?? filter.category}` : ''}${filter.procedure ? ` · ${filter.procedure}` : ''}`;

  const exportIcs = () => {
    if (!data) return;
    // "My" cases: the narrowest scope the user has (本人), else the scope shown.
    const mine = inScope(data.rows, scopes[0]);
    const events = buildDeadlineEvents(mine.map((r) => ({
      snapshot: { caseNo: r.caseNo, cause: r.cause, judge: r.judge, url: r.url },
      deadline: r.view.closed ? null : r.view.deadline,
      leadTimes: r.view.leadTimes && r.view.deadline?.dueOn ? { applyBy: r.view.leadTimes.applyBy, applyDays: diffDays(r.view.leadTimes.applyBy, r.view.deadline.dueOn) } : r.view.leadTimes === null ? null : undefined,
    })), { today: data.today });
    downloadText(`审限日历_${data.today}.ics`, toIcs(events, `质效助手 审限（${scopes[0].label}）`), 'text/calendar;charset=utf-8');
  };

  if (mode === 'notice' && data) {
    return <WeeklyNotice data={data} rows={rows} scopeText={scopeText} ledgers={ledgers.filter((l): l is Ledger<any> => l !== null)} onBack={() => setMode('board')} />;
  }
  const wait = live ? undefined : WAIT_TITLE;
  const rowCount = data ? data.rows.length : view!.screen.rowCount;
  const shownCount = data ? rows.length : view!.screen.scopedCount;

  return (
    <div class="zx-dash" data-live={live ? 'yes' : 'no'}>
      <header class="zx-dash-head">
        <h1>质效看板 <span class="muted">· 今日 {meta.today} · 本机缓存 {rowCount} 件 · 当前范围 {shownCount} 件</span></h1>
        {note && <p class="muted" data-scope-note>{note}</p>}
        {meta.problems.map((p) => <p class="error">{p}</p>)}
        <div class="zx-controls">
          <label>范围 <select data-control="scope" disabled={!live} title={wait} value={String(scopeIdx)} onChange={(e) => { setScopeIdx(Number((e.target as HTMLSelectElement).value)); setFilter({}); }}>
            {scopes.map((s, i) => <option value={String(i)}>{s.label}</option>)}
          </select></label>
          <label>统计期 <select data-control="period" disabled={!live} title={wait} value={period} onChange={(e) => setPeriod((e.target as HTMLSelectElement).value as PeriodPreset)}>
            {(Object.keys(PERIOD_LABEL) as PeriodPreset[]).map((p) => <option value={p}>{PERIOD_LABEL[p]}</option>)}
          </select></label>
          <FilterSelect label="承办部门" id="division" values={options.divisions} filter={filter} setFilter={setFilter} wait={wait} />
          <FilterSelect label="承办人" id="judge" values={options.judges} filter={filter} setFilter={setFilter} wait={wait} />
          <FilterSelect label="案件类别" id="category" values={options.categories} filter={filter} setFilter={setFilter} show={(v) => CATEGORY_LABEL[v] ?? v} wait={wait} />
          <FilterSelect label="程序" id="procedure" values={options.procedures} filter={filter} setFilter={setFilter} wait={wait} />
          <button type="button" data-action="ics" disabled={!live} onClick={exportIcs} title={wait ?? '本人未结案件的审限届满日与延长审限申请截止日'}>导出审限日历（.ics）</button>
          <button type="button" data-action="notice" disabled={!live} title={wait} onClick={() => setMode('notice')}>周通报（可打印）</button>
        </div>
      </header>

      <section class="zx-indicators" aria-label="审判质效指标">
        <h2>审判质效指标 <span class="muted">统计期 {per.periodStart} 至 {per.periodEnd}；按定义顺序列出，只与参考区间比较，不排名</span></h2>
        <div class="zx-cards">
          {results.map((r) => <IndicatorCard r={r} onDrill={setDrill} wait={wait} />)}
        </div>
      </section>

      {drill && data && <DrillDown drill={drill} rows={data.rows} onClose={() => setDrill(null)} />}

      <section class="zx-charts">
        <div>
          <h2>月度趋势 <select data-control="trend" value={trendId} onChange={(e) => setTrendId((e.target as HTMLSelectElement).value)}>
            {meta.defs.filter((d) => d.enabled !== false).map((d) => <option value={d.id}>{d.name}</option>)}
          </select></h2>
          {trendDef && (trend ? <TrendChart points={trend} unit={trendDef.unit} range={trendDef.referenceRange} title={`${trendDef.name} 近 12 个月`} /> : <p class="muted" data-pending="trend">计算中…</p>)}
          <p class="muted">绿色虚线为参考区间；灰色柱在区间内，橙色柱超出区间；悬停查看分子 / 分母。图表为手写 SVG。</p>
        </div>
        <div>
          <h2>未结案件剩余审限天数分布</h2>
          {hist ? (
            <>
              <DaysLeftChart buckets={hist.buckets} noCountdown={hist.noCountdown} onPick={(b) => setDrill({ title: `剩余审限 ${b.label}（${b.count} 件）`, caseNos: b.cases })} />
              <p class="muted">另有 {hist.noCountdown} 件无倒计时（无法定审限、扣除期间未结束或无法计算）。点击柱子查看案件。</p>
            </>
          ) : <p class="muted" data-pending="histogram">计算中…</p>}
        </div>
      </section>

      <section class="zx-ledgers">
        <nav class="tabs" role="tablist">
          {LEDGER_TABS.map((t, i) => {
            const l = ledgers[i];
            const count = l ? l.rows.length : !live && t.id === ledgerId ? view!.screen.ledger.total : null;
            const title = l ? l.title : !live && t.id === ledgerId ? view!.screen.ledger.title : t.title;
            return (
              <button type="button" role="tab" data-ledger-tab={t.id} class={t.id === ledgerId ? 'active' : ''} disabled={!live && t.id !== ledgerId} title={t.id === ledgerId ? undefined : wait} onClick={() => setLedgerId(t.id)}>
                {`${title}（${count ?? '…'}）`}
              </button>
            );
          })}
        </nav>
        {live
          ? ledgers.filter((l): l is Ledger<any> => l !== null && l.id === ledgerId).map((l) => <LedgerView key={l.id + scopeText} ledger={l} scopeText={scopeText} today={meta.today} />)
          : <LedgerView key={view!.screen.ledger.id + scopeText} preview={view!.screen.ledger} scopeText={scopeText} today={meta.today} />}
      </section>
      <footer class="muted">{data
        ? `本看板只使用本机已缓存的办案系统数据（打开过的页面），口径见各指标说明；读取与计算用时 ${data.loadMs} 毫秒（${data.cacheStats.fresh} 件取自本机已按今日规则算好的结果，${data.cacheStats.evaluated} 件重新计算）。`
        : `本看板只使用本机已缓存的办案系统数据（打开过的页面），口径见各指标说明；以上为本机上次按今日规则、就同样的 ${view!.screen.rowCount} 件案件算好的结果（核对用时 ${view!.checkMs} 毫秒），正在读取全部案件…`}</footer>
    </div>
  );
}

function FilterSelect({ label, id, values, filter, setFilter, show = (v) => v, wait }: {
  label: string; id: keyof DashFilter; values: string[]; filter: DashFilter; setFilter: (f: DashFilter) => void; show?: (v: string) => string; wait?: string;
}) {
  return (
    <label>{label} <select data-filter={id} disabled={wait !== undefined} title={wait} value={filter[id] ?? ''} onChange={(e) => setFilter({ ...filter, [id]: (e.target as HTMLSelectElement).value || undefined })}>
      <option value="">全部</option>
      {values.map((v) => <option value={v}>{show(v)}</option>)}
    </select></label>
  );
}

/** `wait`: the rows are not read yet (a memo paint): the drill-down buttons wait for them. */
function IndicatorCard({ r, onDrill, wait }: { r: IndicatorResult; onDrill: (d: Drill) => void; wait?: string }) {
  const off = wait !== undefined;
  const sum = r.unit === '%' || r.unit === 'ratio';
  return (
    <article class={`zx-card zx-status-${r.status}`} data-indicator={r.id}>
      <h3>{r.name}{r.label && <span class="muted">（{r.label}）</span>}</h3>
      <div class="zx-value"><strong data-value>{fmt(r.value, r.unit)}</strong> <span class={`zx-chip zx-chip-${r.status}`} data-status={r.status}>{STATUS_LABEL[r.status]}</span></div>
      <div>参考区间：{rangeText(r)} <span class="muted" title={r.referenceRange?.source}>{r.referenceRange ? `（${r.referenceRange.tag === 'G' ? '产品默认值，待审管办确认' : r.referenceRange.source}）` : ''}</span></div>
      {r.value === null && <div class="muted">{r.reason}</div>}
      <div class="zx-formula">{r.formula}</div>
      <div class="zx-drill">
        {sum ? (
          <>
            分子 <button type="button" data-drill="numerator" disabled={off} title={wait} onClick={() => onDrill({ title: `${r.name} · 分子（${r.numeratorCases.length} 件）`, caseNos: r.numeratorCases })}>{r.numerator} 件</button>
            {' '}分母 <button type="button" data-drill="denominator" disabled={off} title={wait} onClick={() => onDrill({ title: `${r.name} · 分母（${r.denominatorCases.length} 件）`, caseNos: r.denominatorCases })}>{r.denominator} 件</button>
          </>
        ) : (
          <>
            计入 <button type="button" data-drill="denominator" disabled={off} title={wait} onClick={() => onDrill({ title: `${r.name} · 计入案件（${r.denominatorCases.length} 件）`, caseNos: r.denominatorCases })}>{r.denominatorCases.length} 件</button>
            {r.unit === '天' && <span class="muted">（合计 {r.numerator} 天）</span>}
          </>
        )}
      </div>
      <details><summary>口径说明</summary><p>{r.note}</p>{r.notes.map((n) => <p class="muted">{n}</p>)}<p class="muted">截止日 {r.asOf}</p></details>
    </article>
  );
}

function DrillDown({ drill, rows, onClose }: { drill: Drill; rows: DashRow[]; onClose: () => void }) {
  const [page, setPage] = useState(0);
  const resolved = useMemo(() => resolveCaseNos(drill.caseNos, rows), [drill, rows]);
  const pages = Math.max(1, Math.ceil(resolved.rows.length / PAGE));
  const slice = resolved.rows.slice(page * PAGE, page * PAGE + PAGE);
  return (
    <section class="zx-drilldown" data-drilldown aria-label={drill.title}>
      <h2>{drill.title} <button type="button" onClick={onClose}>关闭</button>
        {' '}<button type="button" data-export="drill-csv" onClick={() => downloadCsv(drill.title, ['案号', '案由', '承办人', '承办部门', '立案日期', '结案日期', '结案方式'],
          resolved.rows.map((r) => [r.caseNo, r.cause, r.judge, r.division, r.filedOn, r.closedOn, r.snapshot.closeMethod ?? '']))}>导出 CSV</button></h2>
      <table class="zx-table">
        <thead><tr><th>案号</th><th>案由</th><th>承办人</th><th>承办部门</th><th>立案日期</th><th>结案日期</th><th>结案方式</th><th>审限</th></tr></thead>
        <tbody>
          {slice.map((r) => (
            <tr data-case-no={r.caseNo}>
              <td><CaseLink row={r} /></td><td>{r.cause}</td><td>{r.judge}</td><td>{r.division}</td><td>{r.filedOn}</td><td>{r.closedOn}</td>
              <td>{r.snapshot.closeMethod ?? ''}</td><td><span class={`pill pill-${r.view.badge.level}`} title={r.view.badge.title}>{badgeText(r.view.badge.level as never, r.view.badge.daysLeft)}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={page} pages={pages} setPage={setPage} />
      {resolved.missing.length > 0 && <p class="muted">另有 {resolved.missing.length} 件未在本机缓存中找到。</p>}
    </section>
  );
}

function CaseLink({ row }: { row: { caseNo: string; url?: string } }) {
  return row.url ? <a href={row.url} target="_blank" rel="noopener noreferrer" data-case-link>{row.caseNo}</a> : <span>{row.caseNo}</span>;
}

function Pager({ page, pages, setPage, wait }: { page: number; pages: number; setPage: (n: number) => void; wait?: string }) {
  if (pages <= 1) return null;
  return (
    <div class="zx-pager" data-pager>
      <button type="button" disabled={page === 0 || wait !== undefined} title={wait} onClick={() => setPage(page - 1)}>上一页</button>
      <span> 第 {page + 1} / {pages} 页 </span>
      <button type="button" disabled={page + 1 >= pages || wait !== undefined} title={wait} onClick={() => setPage(page + 1)}>下一页</button>
    </div>
  );
}

/**
 * One ledger: the live one (`ledger`), or before the rows are read its opening page from the memo (`preview`: the
 * first page of group 全部 as the live ledger shows it, see ledgerPageRows) — the same markup.
 */
function LedgerView<T>({ ledger, preview, scopeText, today }: { ledger?: Ledger<T>; preview?: OpeningScreen['ledger']; scopeText: string; today: string }) {
  const [group, setGroup] = useState<string>('');
  const [page, setPage] = useState(0);
  const counts = useMemo(() => (ledger ? groupCounts(ledger) : preview!.counts), [ledger]);
  const list = useMemo(() => (ledger ? (group ? ledger.rows.filter((r) => ledger.groupOf(r) === group) : ledger.rows) : null), [ledger, group]);
  const total = ledger ? ledger.rows.length : preview!.total;
  const shown = list ? list.length : preview!.total;
  const pages = Math.max(1, Math.ceil(shown / PAGE));
  const slice = useMemo(() => (ledger && list ? ledgerPageRows(ledger, list.slice(page * PAGE, page * PAGE + PAGE)) : preview!.page), [list, page]);
  const headers = ledger ? ledger.headers : preview!.headers;
  const wait = ledger ? undefined : WAIT_TITLE;
  const title = ledger ? ledger.title : preview!.title;
  const name = `${title}_${scopeText}_${today}${group ? `_${group}` : ''}`;
  const table = () => ledgerTable(ledger!, group || undefined);
  const caseCol = headers.indexOf('案号');
  return (
    <div class="zx-ledger" data-ledger={ledger ? ledger.id : preview!.id}>
      <p class="muted">{ledger ? ledger.about : preview!.about}</p>
      <div class="zx-controls">
        <label>分组 <select data-control="group" disabled={!ledger} title={wait} value={group} onChange={(e) => { setGroup((e.target as HTMLSelectElement).value); setPage(0); }}>
          <option value="">全部（{total}）</option>
          {counts.map((c) => <option value={c.group}>{c.group}（{c.count}）</option>)}
        </select></label>
        <button type="button" data-export="xlsx" disabled={!ledger} title={wait} onClick={() => { const t = table(); void downloadXlsx(name, title, t.headers, t.rows); }}>导出 Excel（.xlsx）</button>
        <button type="button" data-export="csv" disabled={!ledger} title={wait} onClick={() => { const t = table(); downloadCsv(name, t.headers, t.rows); }}>导出 CSV</button>
      </div>
      {shown === 0 ? <p class="muted">当前范围内没有案件。</p> : (
        <table class="zx-table">
          <thead><tr>{headers.map((h) => <th>{h}</th>)}</tr></thead>
          <tbody>
            {slice.map((r) => (
              <tr data-case-no={r.caseNo}>
                {r.cells.map((c, i) => <td>{i === caseCol ? <CaseLink row={{ caseNo: r.caseNo, url: r.url }} /> : c}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={page} pages={pages} setPage={setPage} wait={wait} />
    </div>
  );
}

function WeeklyNotice({ data, rows, scopeText, ledgers, onBack }: { data: DashboardData; rows: DashRow[]; scopeText: string; ledgers: Ledger<any>[]; onBack: () => void }) {
  const week = periodOf('week', data.today);
  const year = periodOf('year', data.today);
  const icases = useMemo(() => rows.map(toIndicatorCase), [rows]);
  const results = useMemo(() => computeIndicators(icases, year, data.defs), [icases, data.defs]);
  const filedThisWeek = rows.filter((r) => r.filedOn >= week.periodStart && r.filedOn <= week.periodEnd).length;
  const closedThisWeek = rows.filter((r) => r.closedOn >= week.periodStart && r.closedOn <= week.periodEnd).length;
  const dl = ledgers.find((l) => l.id === 'deadlines')!;
  const serious = (dl.rows as DashRow[]).filter((r) => r.view.badge.level === 'overdue' || r.view.badge.level === 'urgent');
  return (
    <div class="zx-dash zx-notice" data-notice>
      <div class="zx-noprint"><button type="button" onClick={onBack}>返回看板</button> <button type="button" onClick={() => window.print()}>打印</button></div>
      <h1>审判质效周通报</h1>
      <p>范围：{scopeText}　本周：{week.periodStart} 至 {week.periodEnd}　生成日期：{data.today}</p>
      <p>本周新收 {filedThisWeek} 件，结案 {closedThisWeek} 件；当前未结 {rows.filter((r) => !r.view.closed).length} 件。</p>
      <h2>一、审限与长期未结</h2>
      <ul>{ledgers.filter((l) => l.id !== 'marks').map((l) => <li>{l.title}：{groupCounts(l).map((c) => `${c.group} ${c.count} 件`).join('，') || '无'}</li>)}</ul>
      <h2>二、已超审限及临近届满案件（{serious.length} 件）</h2>
      {serious.length === 0 ? <p>无。</p> : (
        <table class="zx-table"><thead><tr><th>等级</th><th>案号</th><th>承办人</th><th>审限届满日</th><th>剩余天数</th></tr></thead>
          <tbody>{serious.slice(0, 200).map((r) => <tr><td>{r.view.badge.level === 'overdue' ? '已超审限' : '临近届满'}</td><td>{r.caseNo}</td><td>{r.judge}</td><td>{r.view.deadline?.dueOnAdjusted ?? r.view.deadline?.dueOn}</td><td>{r.view.badge.daysLeft}</td></tr>)}</tbody></table>
      )}
      {serious.length > 200 && <p class="muted">仅列前 200 件，完整名单请在看板导出审限台账。</p>}
      <h2>三、审判质效指标（{year.periodStart} 至 {year.periodEnd}，与参考区间比较，不排名）</h2>
      <table class="zx-table"><thead><tr><th>指标</th><th>数值</th><th>参考区间</th><th>状态</th><th>分子 / 分母</th></tr></thead>
        <tbody>{results.map((r) => <tr><td>{r.name}</td><td>{fmt(r.value, r.unit)}</td><td>{rangeText(r)}</td><td>{r.value === null ? r.reason : STATUS_LABEL[r.status]}</td><td>{r.numerator} / {r.denominator}</td></tr>)}</tbody></table>
      <p class="muted">数据来自本机缓存的办案系统页面，审限按本系统口径计算，以办案系统为准。参考区间为产品默认值的，须经审管办确认。</p>
    </div>
  );
}

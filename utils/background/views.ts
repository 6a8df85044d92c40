// Case views computed from the local database (extension origin: background, popup, dashboard).
import type { EvaluateConfig } from '../domain/evaluate';
import { resolveRules, RulesOverrideSchema } from '../rules';
import { getCases, getSetting, listCases, type CaseFilter, type ZhixiaoDB } from '../store';
import { buildCaseView } from '../views/build';
import type { CaseView } from '../views/case-view';

/** The court's rule overrides from the options page; an invalid stored override is ignored and reported. */
export async function evaluateConfig(db: ZhixiaoDB): Promise<EvaluateConfig & { overrideError?: string }> {
  const raw = await getSetting<unknown>(db, 'rulesOverride');
  if (raw === undefined) return {};
  const parsed = RulesOverrideSchema.safeParse(raw);
  if (!parsed.success) return { overrideError: parsed.error.message };
  return { rules: resolveRules(parsed.data) };
}

export async function caseViewsFor(db: ZhixiaoDB, caseNos: string[], today: string, config?: EvaluateConfig): Promise<CaseView[]> {
  const cfg = config ?? (await evaluateConfig(db));
  const cases = await getCases(db, caseNos);
  return cases.flatMap((c) => (c ? [buildCaseView(c, today, cfg)] : []));
}

export async function listCaseViews(db: ZhixiaoDB, today: string, filter: CaseFilter = {}): Promise<CaseView[]> {
  const rows = await listCases(db, filter);
  return caseViewsFor(db, rows.map((r) => r.caseKey), today);
}

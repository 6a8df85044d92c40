// The rule set used by utils/domain: defaults plus validated overrides (from the options page).
import { z } from 'zod';
import { CaseTypeTableSchema, DEFAULT_CASE_TYPE_TABLE, type CaseTypeTable } from './case-types';
import { DEFAULT_DEDUCTION_TYPES, DEFAULT_PERIODS, DeductionTypeSchema, PeriodRuleSchema, type DeductionType, type PeriodRule } from './periods';
import { DEFAULT_THRESHOLDS, ThresholdsSchema, type Thresholds } from './thresholds';

export * from './case-types';
export * from './periods';
export * from './thresholds';

export const RULES_VERSION = '2025.1';

export interface Rules {
  version: string;
  periods: PeriodRule[];
  deductionTypes: DeductionType[];
  thresholds: Thresholds;
  caseTypes: CaseTypeTable;
}

export const DEFAULT_RULES: Rules = {
  version: RULES_VERSION,
  periods: DEFAULT_PERIODS,
  deductionTypes: DEFAULT_DEDUCTION_TYPES,
  thresholds: DEFAULT_THRESHOLDS,
  caseTypes: DEFAULT_CASE_TYPE_TABLE,
};

/**
 * Overrides as stored by the options page. Periods are matched by (id, procedure, effectiveFrom) and replace
 * the default row; new rows are added. Thresholds merge section by section.
 */
export const RulesOverrideSchema = z.object({
  version: z.string().optional(),
  periods: z.array(PeriodRuleSchema).optional(),
  deductionTypes: z.array(DeductionTypeSchema).optional(),
  thresholds: z.object({
    levels: ThresholdsSchema.shape.levels.partial().optional(),
    leadTimes: ThresholdsSchema.shape.leadTimes.partial().optional(),
    longPending: ThresholdsSchema.shape.longPending.partial().optional(),
    detention: ThresholdsSchema.shape.detention.partial().optional(),
    hidden: ThresholdsSchema.shape.hidden.partial().optional(),
  }).optional(),
  caseTypes: CaseTypeTableSchema.optional(),
});
export type RulesOverride = z.input<typeof RulesOverrideSchema>;

/** Defaults merged with validated overrides. Throws a zod error on an invalid override. */
export function resolveRules(override?: RulesOverride | null): Rules {
  if (!override) return DEFAULT_RULES;
  const o = RulesOverrideSchema.parse(override);
  const key = (p: PeriodRule) => `${p.id}|${p.procedure}|${p.effectiveFrom}`;
  let periods = DEFAULT_PERIODS;
  if (o.periods) {
    const byKey = new Map(DEFAULT_PERIODS.map((p) => [key(p), p]));
    for (const p of o.periods) byKey.set(key(p), p);
    periods = [...byKey.values()];
  }
  const t = o.thresholds ?? {};
  const thresholds = ThresholdsSchema.parse({
    levels: { ...DEFAULT_THRESHOLDS.levels, ...t.levels },
    leadTimes: { ...DEFAULT_THRESHOLDS.leadTimes, ...t.leadTimes },
    longPending: { ...DEFAULT_THRESHOLDS.longPending, ...t.longPending },
    detention: { ...DEFAULT_THRESHOLDS.detention, ...t.detention },
    hidden: { ...DEFAULT_THRESHOLDS.hidden, ...t.hidden, maxPostponements: { ...DEFAULT_THRESHOLDS.hidden.maxPostponements, ...t.hidden?.maxPostponements } },
  });
  return {
    version: o.version ?? RULES_VERSION,
    periods,
    deductionTypes: o.deductionTypes ?? DEFAULT_DEDUCTION_TYPES,
    thresholds,
    caseTypes: o.caseTypes ?? DEFAULT_CASE_TYPE_TABLE,
  };
}

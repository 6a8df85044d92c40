// Every warning threshold as data (domain.md §3.2 step 10, §5, §6, §7). Values are plain numbers so an
// override is a partial object; THRESHOLD_SOURCES gives each one its basis and confidence tag.
import { z } from 'zod';

const n = () => z.number().int().min(0);

export const ThresholdsSchema = z.object({
  /** §3.2 step 10: notice when daysLeft ≤ notice, warning ≤ warning, urgent ≤ urgent (and ≥ 0) */
  levels: z.object({ notice: n(), warning: n(), urgent: n() }),
  /** §5.1 lead times before T = dueOn */
  leadTimes: z.object({
    applyDays: n(), decideDays: n(),
    administrativeApplyDays: n(), administrativeDecideDays: n(),
    /** use the 行政 10 / 3 variant for administrative rows (default off: 15 / 5 everywhere) */
    useAdministrativeVariant: z.boolean(),
  }),
  /** §7 长期未结: tiers by calendar age in months (civil month rule), pre-warnings */
  longPending: z.object({
    tiers: z.array(z.object({ tier: z.string(), months: z.number().int().min(1), label: z.string() })).min(1),
    preWarningMonths: z.array(z.number().int().min(1)),
  }),
  /** §7 久押不决: detention age in years */
  detention: z.object({
    tiers: z.array(z.object({ years: z.number().int().min(1), label: z.string() })),
  }),
  /** §6 隐形超审限 heuristics */
  hidden: z.object({
    openDeductionDays: n(),
    suspensionDays: n(),
    conversionNearExpiryDays: n(),
    restartNearExpiryDays: n(),
    refilingDays: n(),
    maxPostponements: z.object({ ordinary: n(), simple: n(), 'small-claims': n() }),
    hearingGapMonths: z.number().int().min(1),
    maxSupplementaryInvestigations: n(),
  }),
});
export type Thresholds = z.infer<typeof ThresholdsSchema>;

export const DEFAULT_THRESHOLDS: Thresholds = {
  levels: { notice: 30, warning: 15, urgent: 5 },
  leadTimes: { applyDays: 15, decideDays: 5, administrativeApplyDays: 10, administrativeDecideDays: 3, useAdministrativeVariant: false },
  longPending: {
    tiers: [
      { tier: 'L1', months: 6, label: '关注' },
      { tier: 'L2', months: 12, label: '长期未结' },
      { tier: 'L3', months: 18, label: '重点督办' },
      { tier: 'L4', months: 24, label: '两年以上' },
      { tier: 'L5', months: 36, label: '三年以上' },
    ],
    preWarningMonths: [11, 17, 23, 35],
  },
  detention: { tiers: [{ years: 3, label: '久押不决' }, { years: 5, label: '最高人民法院督办' }] },
  hidden: {
    openDeductionDays: 60,
    suspensionDays: 90,
    conversionNearExpiryDays: 10,
    restartNearExpiryDays: 10,
    refilingDays: 90,
    maxPostponements: { ordinary: 2, simple: 1, 'small-claims': 1 },
    hearingGapMonths: 1,
    maxSupplementaryInvestigations: 2,
  },
};

export interface ThresholdSource { basis: string; tag: 'S' | 'P' | 'G' }
/** Basis and tag for each threshold (dotted path into Thresholds). */
export const THRESHOLD_SOURCES: Record<string, ThresholdSource> = {
  'levels.notice': { basis: 'domain.md §3.2 step 10; §5.2 T−30 审限不足一个月', tag: 'G' },
  'levels.warning': { basis: 'domain.md §3.2 step 10; §5.2 T−15', tag: 'G' },
  'levels.urgent': { basis: 'domain.md §3.2 step 10; §5.2 T−5', tag: 'G' },
  'leadTimes.applyDays': { basis: '2019 民商事规定 art 1; 刑诉解释 art 210', tag: 'S' },
  'leadTimes.decideDays': { basis: '2019 民商事规定 art 1; 刑诉解释 art 210', tag: 'S' },
  'leadTimes.administrativeApplyDays': { basis: '2000 规定 art 13', tag: 'G' },
  'leadTimes.administrativeDecideDays': { basis: '2000 规定 art 14', tag: 'G' },
  'leadTimes.useAdministrativeVariant': { basis: 'domain.md §5.1 product default', tag: 'G' },
  'longPending.tiers': { basis: 'SPC 超12个月未结案件比; provincial plans (domain.md §7)', tag: 'P' },
  'longPending.preWarningMonths': { basis: 'domain.md §7 (one month before each tier)', tag: 'G' },
  'detention.tiers': { basis: 'domain.md §7 久押不决 (3 years; 5 years SPC 督办)', tag: 'P' },
  'hidden.openDeductionDays': { basis: 'domain.md §6 H2', tag: 'G' },
  'hidden.suspensionDays': { basis: 'domain.md §6 H3', tag: 'G' },
  'hidden.conversionNearExpiryDays': { basis: 'domain.md §6 H4; 民诉解释 art 258; 行诉解释 art 105', tag: 'G' },
  'hidden.restartNearExpiryDays': { basis: 'domain.md §6 H4', tag: 'G' },
  'hidden.refilingDays': { basis: 'domain.md §6 H5', tag: 'G' },
  'hidden.maxPostponements': { basis: '2019 民商事规定 art 3', tag: 'S' },
  'hidden.hearingGapMonths': { basis: '2019 民商事规定 art 5', tag: 'S' },
  'hidden.maxSupplementaryInvestigations': { basis: '刑诉解释 art 274', tag: 'S' },
};

// 节假日调整 (options page, settings key `holidayOverrides`): extra rest days and 调休 working days for years the
// bundled calendar data does not have yet (domain.md §3.1). Read by utils/background/views.ts evaluateConfig.
import { z } from 'zod';
import { IsoDateSchema } from '../domain/case';

export const HOLIDAY_OVERRIDES_KEY = 'holidayOverrides';

export const HolidayOverridesSchema = z.object({
  /** extra rest days YYYY-MM-DD (国务院办公厅 notice not yet in the bundled data) */
  holidays: z.array(IsoDateSchema).default([]),
  /** extra working days YYYY-MM-DD (调休) */
  workdays: z.array(IsoDateSchema).default([]),
  /** years whose full notice is in the lists above (then the fallback is not used for them) */
  coveredYears: z.array(z.number().int().min(2000).max(2100)).default([]),
}).refine((o) => !o.holidays.some((d) => o.workdays.includes(d)), { message: '同一日期不能既是节假日又是调休工作日' });
export type HolidayOverridesSetting = z.infer<typeof HolidayOverridesSchema>;

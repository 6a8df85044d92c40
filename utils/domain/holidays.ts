// Statutory holiday calendar (domain.md §3.1 holiday rule, §3.2 step 8). Wraps the `chinese-days` data
// (国务院办公厅 notices, incl. 调休 working weekends), with user overrides and a fallback for years the data
// does not cover: weekends + fixed-date holidays (元旦 1/1, 劳动节 5/1, 国庆 10/1–10/3), flagged
// `holiday-data-missing`. Pure: no clock, results cached per day number.
// Default import: the package's CJS build (Node, tsx) has no statically detectable named exports; its ES build
// (Vite, WXT) exports the same functions on the default object.
import chineseDays from 'chinese-days';
const { getHolidaysInRange, isWorkday: cdIsWorkday } = chineseDays;
import { civilFromDays, fromDayNumber, tryDayNumber, type DayNumber } from './dates';

export interface HolidayCalendar {
  /** true when the day is a rest day (statutory holiday or weekend that is not a 调休 working day) */
  isRestDay(day: DayNumber): boolean;
  /** true when official data (or an override) covers the year; otherwise the fallback is used */
  coversYear(year: number): boolean;
}

export interface HolidayOverrides {
  /** extra rest days `YYYY-MM-DD` (e.g. a notice the package does not have yet) */
  holidays?: string[];
  /** extra working days `YYYY-MM-DD` (调休) */
  workdays?: string[];
  /** years to treat as covered because the overrides hold that year's full notice */
  coveredYears?: number[];
}

/** Fixed-date holidays used for uncovered years [G]: month*100 + day */
export const FALLBACK_FIXED_HOLIDAYS = [101, 501, 1001, 1002, 1003];

function weekdayOf(day: DayNumber): number {
  return ((((day + 3) % 7) + 7) % 7) + 1; // 1 = Monday … 7 = Sunday
}

function fallbackRest(day: DayNumber): boolean {
  const wd = weekdayOf(day);
  if (wd >= 6) return true;
  const [, m, d] = civilFromDays(day);
  return FALLBACK_FIXED_HOLIDAYS.includes(m * 100 + d);
}

const packageYearCache = new Map<number, boolean>();
function packageCoversYear(year: number): boolean {
  let v = packageYearCache.get(year);
  if (v === undefined) {
    try {
      v = getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
    } catch {
      v = false;
    }
    packageYearCache.set(year, v);
  }
  return v;
}

/** Build a calendar from the package data plus overrides. Overrides win over the data. */
export function createHolidayCalendar(overrides: HolidayOverrides = {}): HolidayCalendar {
  const extraRest = new Set((overrides.holidays ?? []).map(tryDayNumber).filter((d): d is number => d !== null));
  const extraWork = new Set((overrides.workdays ?? []).map(tryDayNumber).filter((d): d is number => d !== null));
  const covered = new Set(overrides.coveredYears ?? []);
  const cache = new Map<DayNumber, boolean>();
  const coversYear = (year: number) => covered.has(year) || packageCoversYear(year);
  return {
    coversYear,
    isRestDay(day) {
      let v = cache.get(day);
      if (v !== undefined) return v;
      if (extraWork.has(day)) v = false;
      else if (extraRest.has(day)) v = true;
      else {
        const [y] = civilFromDays(day);
        v = packageCoversYear(y) ? !cdIsWorkday(fromDayNumber(day)) : fallbackRest(day);
      }
      cache.set(day, v);
      return v;
    },
  };
}

export const DEFAULT_CALENDAR: HolidayCalendar = createHolidayCalendar();

/**
 * First working day on or after `day`, and whether any year consulted lacked holiday data.
 * Bounded: at most 30 days are examined (the longest run of rest days is 8–9).
 */
export function nextWorkingDay(day: DayNumber, calendar: HolidayCalendar = DEFAULT_CALENDAR): { day: DayNumber; dataMissing: boolean } {
  let d = day;
  let dataMissing = false;
  for (let i = 0; i < 30; i++) {
    if (!calendar.coversYear(civilFromDays(d)[0])) dataMissing = true;
    if (!calendar.isRestDay(d)) return { day: d, dataMissing };
    d++;
  }
  return { day: d, dataMissing };
}

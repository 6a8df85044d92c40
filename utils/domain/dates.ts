// Calendar dates as integer day numbers (days since 1970-01-01), so that arithmetic never meets a time zone.
// Every date in the domain is a `YYYY-MM-DD` string in China time; "today" is always passed in.

export type DayNumber = number;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

export function parseIso(d: string): { y: number; m: number; day: number } | null {
  const match = ISO.exec(d);
  if (!match) return null;
  const y = +match[1], m = +match[2], day = +match[3];
  if (m < 1 || m > 12 || day < 1 || day > daysInMonth(y, m)) return null;
  return { y, m, day };
}

export function isValidIsoDate(d: string): boolean {
  return parseIso(d) !== null;
}

/** Days since 1970-01-01 (proleptic Gregorian), Howard Hinnant's days_from_civil. */
export function toDayNumber(d: string): DayNumber {
  const p = parseIso(d);
  if (!p) throw new RangeError(`Invalid date: ${d}`);
  return civilToDays(p.y, p.m, p.day);
}

export function civilToDays(y: number, m: number, d: number): DayNumber {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromDayNumber(n: DayNumber): string {
  const [y, m, d] = civilFromDays(n);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function addDays(d: string, n: number): string {
  return fromDayNumber(toDayNumber(d) + n);
}

/** b − a in whole days */
export function diffDays(a: string, b: string): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** ISO weekday: 1 = Monday … 7 = Sunday */
export function weekday(d: string): number {
  const n = toDayNumber(d);
  return ((((n + 3) % 7) + 7) % 7) + 1; // 1970-01-01 was a Thursday
}

/**
 * domain.md §3.2 addMonths: keep the day of month, clamp to the target month's last day. With
 * `criminalMonthEnd`, a start on the last day of its month maps to the last day of the target month.
 */
export function addMonths(d: string, n: number, criminalMonthEnd = false): string {
  const p = parseIso(d);
  if (!p) throw new RangeError(`Invalid date: ${d}`);
  const idx = p.y * 12 + (p.m - 1) + n;
  const y = Math.floor(idx / 12);
  const m = idx - y * 12 + 1;
  const last = daysInMonth(y, m);
  const day = criminalMonthEnd && p.day === daysInMonth(p.y, p.m) ? last : Math.min(p.day, last);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Today's calendar date in China time (UTC+8, no DST). For callers only: the domain never reads the clock. */
export function chinaToday(now: Date): string {
  return fromDayNumber(Math.floor((now.getTime() + 8 * 3600_000) / 86_400_000));
}

/** Inverse of civilToDays: [year, month, day] of a day number (no string round trip; used on hot paths). */
export function civilFromDays(n: DayNumber): [number, number, number] {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** addMonths on day numbers (same rule as `addMonths`, domain.md §3.2 steps 3 and 5). */
export function addMonthsDays(dn: DayNumber, n: number, criminalMonthEnd = false): DayNumber {
  if (n === 0) return dn;
  const [py, pm, pd] = civilFromDays(dn);
  const idx = py * 12 + (pm - 1) + n;
  const y = Math.floor(idx / 12);
  const m = idx - y * 12 + 1;
  const last = daysInMonth(y, m);
  const day = criminalMonthEnd && pd === daysInMonth(py, pm) ? last : Math.min(pd, last);
  return civilToDays(y, m, day);
}

/** Day number of a `YYYY-MM-DD` string, or null when it is malformed or does not exist. */
export function tryDayNumber(d: unknown): DayNumber | null {
  if (typeof d !== 'string') return null;
  const p = parseIso(d);
  return p ? civilToDays(p.y, p.m, p.day) : null;
}

import { describe, expect, it } from 'vitest';
import { addDays, addMonths, diffDays, fromDayNumber, isValidIsoDate, toDayNumber, weekday, chinaToday } from '../../utils/domain/dates';

describe('dates', () => {
  it('round-trips day numbers across centuries', () => {
    for (const d of ['1970-01-01', '2000-02-29', '2024-12-31', '1999-03-01', '2100-03-01']) {
      expect(fromDayNumber(toDayNumber(d))).toBe(d);
    }
    expect(toDayNumber('1970-01-02')).toBe(1);
  });
  it('refuses dates that do not exist', () => {
    expect(isValidIsoDate('2023-02-29')).toBe(false);
    expect(isValidIsoDate('2024-02-29')).toBe(true);
    expect(isValidIsoDate('2024-13-01')).toBe(false);
    expect(isValidIsoDate('2024-1-01')).toBe(false);
  });
  it('adds months with clamping and the criminal month-end rule (domain.md §3.2)', () => {
    expect(addMonths('2024-08-31', 6)).toBe('2025-02-28');
    expect(addMonths('2024-08-31', 12)).toBe('2025-08-31');
    expect(addMonths('2024-02-29', 2)).toBe('2024-04-29');
    expect(addMonths('2024-02-29', 2, true)).toBe('2024-04-30');
    expect(addMonths('2024-02-29', 5, true)).toBe('2024-07-31');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
  });
  it('counts days and weekdays', () => {
    expect(diffDays('2024-02-01', '2024-03-02')).toBe(30);
    expect(addDays('2024-07-10', 69)).toBe('2024-09-17');
    expect(weekday('2025-08-31')).toBe(7);
    expect(weekday('2024-09-17')).toBe(2);
  });
  it('computes today in China time', () => {
    expect(chinaToday(new Date('2024-12-31T16:30:00Z'))).toBe('2025-01-01');
    expect(chinaToday(new Date('2024-12-31T15:59:00Z'))).toBe('2024-12-31');
  });
});

// iCalendar (RFC 5545) all-day reminders for Outlook, WPS 日历 and phone calendars. Pure string builder.
//
// - CRLF line ends; lines folded at 75 octets of UTF-8 (never inside a multi-byte character: Chinese text is
//   3 octets a character), continuation lines start with one space.
// - TEXT values escape \ ; , and newlines.
// - All-day events: DTSTART;VALUE=DATE and DTEND;VALUE=DATE the next day (DTEND is exclusive), no time zone.
// - One VALARM (ACTION:DISPLAY) at 09:00 the day before (TRIGGER -PT15H from the day's 00:00).
// - UIDs come from the caller and must be stable, so importing an updated file updates the event instead of
//   adding a second one (DTSTAMP, the export time, tells the calendar which copy is newer).
import { addDays } from '../domain/dates';

export interface IcsEvent {
  /** stable across exports, e.g. "deadline-1a2b3c4d5e6f7a8b@zhixiao" */
  uid: string;
  /** YYYY-MM-DD, all-day */
  date: string;
  summary: string;
  description: string;
  url?: string;
}

export interface IcsOptions {
  /** export time for DTSTAMP; the only clock read of this module happens when it is omitted */
  now?: Date;
}

export const ICS_PRODID = '-//Zhixiao//Zhixiao 质效助手//ZH-CN';

/** RFC 5545 §3.3.11 TEXT escaping. */
export function escapeIcsText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

function utf8Length(cp: number): number {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/** RFC 5545 §3.1: fold a content line so that no line exceeds 75 octets (CRLF not counted). */
export function foldIcsLine(line: string): string {
  const out: string[] = [];
  let cur = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const n = utf8Length(ch.codePointAt(0)!);
    if (octets + n > limit) {
      out.push(cur);
      cur = '';
      octets = 0;
      limit = 74; // the leading space of a continuation line is one of its 75 octets
    }
    cur += ch;
    octets += n;
  }
  out.push(cur);
  return out.join('\r\n ');
}

const compactDate = (d: string) => d.replace(/-/g, '');

function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** A VCALENDAR with one all-day VEVENT (and a reminder the day before) per event, in the order given. */
export function toIcs(events: IcsEvent[], calName: string, options: IcsOptions = {}): string {
  const dtstamp = stamp(options.now ?? new Date());
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${ICS_PRODID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeIcsText(calName)}`,
    'X-WR-TIMEZONE:Asia/Shanghai',
  ];
  for (const e of events) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(e.date)) throw new RangeError(`日程日期格式应为 YYYY-MM-DD：${e.date}`);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeIcsText(e.uid)}`,
      `DTSTAMP:${dtstamp}`,
      `DTSTART;VALUE=DATE:${compactDate(e.date)}`,
      `DTEND;VALUE=DATE:${compactDate(addDays(e.date, 1))}`,
      `SUMMARY:${escapeIcsText(e.summary)}`,
      `DESCRIPTION:${escapeIcsText(e.description)}`,
    );
    // URI values are not TEXT-escaped; line breaks are never valid in one.
    if (e.url) lines.push(`URL:${e.url.replace(/[\r\n]/g, '')}`);
    lines.push(
      'TRANSP:TRANSPARENT',
      'X-MICROSOFT-CDO-ALLDAYEVENT:TRUE',
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `DESCRIPTION:${escapeIcsText(e.summary)}`,
      'TRIGGER:-PT15H',
      'END:VALARM',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldIcsLine).join('\r\n') + '\r\n';
}

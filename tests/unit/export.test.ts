import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { csvCell, toCsv } from '../../utils/export/csv';
import { columnName, safeSheetName, toXlsx } from '../../utils/export/xlsx';
import { escapeIcsText, foldIcsLine, toIcs, ICS_PRODID } from '../../utils/export/ics';
import { buildDeadlineEvents, deadlineEventUid } from '../../utils/export/deadline-calendar';

describe('toCsv', () => {
  it('starts with a UTF-8 BOM, uses CRLF, keeps Chinese headers', () => {
    const csv = toCsv(['案号', '承办人', '立案日'], [['（2025）渝0107民初1号', '张三', '2025-01-02']]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toBe('\uFEFF案号,承办人,立案日\r\n（2025）渝0107民初1号,张三,2025-01-02\r\n');
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('RFC 4180 quoting: comma, quote, CR, LF', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('他说"好"')).toBe('"他说""好"""');
    expect(csvCell('第一行\n第二行')).toBe('"第一行\n第二行"');
    expect(csvCell('x\r\ny')).toBe('"x\r\ny"');
    expect(csvCell('plain')).toBe('plain');
  });

  it('numbers stay numbers, null and non-finite are empty', () => {
    expect(toCsv(['a', 'b', 'c', 'd'], [[12.5, -3, null, Number.NaN]])).toBe('\uFEFFa,b,c,d\r\n12.5,-3,,\r\n');
  });

  it('formula injection: = + - @ tab CR at the start of text get a leading quote', () => {
    expect(csvCell('=HYPERLINK("http://x","点我")')).toBe('"\'=HYPERLINK(""http://x"",""点我"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('a=1')).toBe('a=1');
    expect(toCsv(['=危险表头'], [])).toBe("\uFEFF'=危险表头\r\n");
  });
});

function sheetRows(files: Record<string, Uint8Array>): Array<Array<string | number>> {
  const sst = [...strFromU8(files['xl/sharedStrings.xml']).matchAll(/<si><t[^>]*>([\s\S]*?)<\/t><\/si>/g)].map((m) => unescapeXml(m[1]));
  const sheet = strFromU8(files['xl/worksheets/sheet1.xml']);
  return [...sheet.matchAll(/<row r="\d+">([\s\S]*?)<\/row>/g)].map((row) =>
    [...row[1].matchAll(/<c r="([A-Z]+)\d+"(?: s="\d+")?( t="s")?><v>([^<]*)<\/v><\/c>/g)].map((c) => (c[2] ? sst[Number(c[3])] : Number(c[3]))),
  );
}
const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

describe('toXlsx', () => {
  const headers = ['案号', '承办人', '立案日', '已用天数', '备注'];
  const rows = [
    ['（2025）渝0107民初1号', '张三', '2025-01-02', 120, 'A & B <c> "d"'],
    ['（2025）渝0107民初2号', '李四', '2025-02-03', 7.5, null],
  ];

  it('is a zip with the SpreadsheetML parts', async () => {
    const bytes = await toXlsx('审限台账', headers, rows);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([...bytes.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const files = unzipSync(bytes);
    expect(Object.keys(files).sort()).toEqual([
      '[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml',
    ]);
    expect(strFromU8(files['xl/workbook.xml'])).toContain('<sheet name="审限台账"');
  });

  it('round-trips the Chinese headers and rows: dates as text, numbers as numbers', async () => {
    const files = unzipSync(await toXlsx('审限台账', headers, rows));
    const parsed = sheetRows(files);
    expect(parsed[0]).toEqual(headers);
    expect(parsed[1]).toEqual(['（2025）渝0107民初1号', '张三', '2025-01-02', 120, 'A & B <c> "d"']);
    expect(parsed[2]).toEqual(['（2025）渝0107民初2号', '李四', '2025-02-03', 7.5]);
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']);
    expect(sheet).toContain('<c r="C2" t="s">'); // the date is a text cell
    expect(sheet).toContain('<c r="D2"><v>120</v></c>'); // the number is a number cell
    expect(sheet).not.toContain('r="E3"'); // null leaves the cell empty
    expect(sheet).toContain('<c r="A1" s="1" t="s">'); // bold header
    expect(sheet).toContain('state="frozen"');
  });

  it('is deterministic and sanitises the sheet name', async () => {
    const a = await toXlsx('x', ['a'], [[1]]);
    const b = await toXlsx('x', ['a'], [[1]]);
    expect(a).toEqual(b);
    expect(safeSheetName('统计[2025]/一季度:民一庭*?超长超长超长超长超长超长超长超长超长超长')).toBe('统计_2025__一季度_民一庭__超长超长超长超长超长超长超'); // 31 characters
    expect(safeSheetName('  ')).toBe('Sheet1');
    expect([columnName(0), columnName(25), columnName(26), columnName(701), columnName(702)]).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
  });

  it('drops characters XML cannot hold', async () => {
    const files = unzipSync(await toXlsx('s', ['a'], [['bad\u0001char']]));
    expect(sheetRows(files)[1]).toEqual(['badchar']);
  });
});

const octets = (s: string) => new TextEncoder().encode(s).length;

describe('toIcs', () => {
  const now = new Date(Date.UTC(2025, 4, 20, 8, 30, 0));
  const ev = {
    uid: 'due-0123456789abcdef@zhixiao',
    date: '2025-06-30',
    summary: '审限届满：（2025）渝0107民初1号',
    description: '案由：买卖合同纠纷, 货款; 反诉\\第二行\n承办人：张三',
    url: 'https://court.example/case?id=1,2',
  };

  it('VCALENDAR with PRODID, CRLF only, all-day event with DTEND the next day and a reminder the day before', () => {
    const ics = toIcs([ev], '审限提醒', { now });
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain(`PRODID:${ICS_PRODID}`);
    expect(unfolded).toContain('X-WR-CALNAME:审限提醒');
    expect(unfolded).toContain('UID:due-0123456789abcdef@zhixiao');
    expect(unfolded).toContain('DTSTAMP:20250520T083000Z');
    expect(unfolded).toContain('DTSTART;VALUE=DATE:20250630\r\nDTEND;VALUE=DATE:20250701');
    expect(unfolded).toMatch(/BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:审限届满：（2025）渝0107民初1号\r\nTRIGGER:-PT15H\r\nEND:VALARM/);
    expect(unfolded).toContain('URL:https://court.example/case?id=1,2');
  });

  it('escapes , ; \\ and newlines in TEXT', () => {
    expect(escapeIcsText('a,b;c\\d\ne\r\nf')).toBe('a\\,b\\;c\\\\d\\ne\\nf');
    const unfolded = toIcs([ev], 'c', { now }).replace(/\r\n /g, '');
    expect(unfolded).toContain('DESCRIPTION:案由：买卖合同纠纷\\, 货款\\; 反诉\\\\第二行\\n承办人：张三');
  });

  it('DTEND rolls over month and year ends', () => {
    const ics = toIcs([{ ...ev, date: '2024-12-31' }, { ...ev, uid: 'b', date: '2024-02-28' }], 'c', { now });
    expect(ics).toContain('DTSTART;VALUE=DATE:20241231\r\nDTEND;VALUE=DATE:20250101');
    expect(ics).toContain('DTSTART;VALUE=DATE:20240228\r\nDTEND;VALUE=DATE:20240229');
  });

  it('folds at 75 octets without splitting a UTF-8 character', () => {
    const long = '审'.repeat(60); // 180 octets
    const folded = foldIcsLine(`SUMMARY:${long}`);
    const lines = folded.split('\r\n');
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) expect(octets(l)).toBeLessThanOrEqual(75);
    for (const l of lines.slice(1)) expect(l.startsWith(' ')).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(`SUMMARY:${long}`);
    // first line: "SUMMARY:" (8) + 22 × 3 = 74 octets (a 23rd character would make 77)
    expect(octets(lines[0])).toBe(74);
    expect(foldIcsLine('A'.repeat(75))).toBe('A'.repeat(75));
    expect(foldIcsLine('A'.repeat(76))).toBe(`${'A'.repeat(75)}\r\n A`);
    // 4-octet characters (surrogate pairs) stay whole
    const emoji = foldIcsLine(`X:${'𠀀'.repeat(30)}`);
    expect(emoji.replace(/\r\n /g, '')).toBe(`X:${'𠀀'.repeat(30)}`);
    for (const l of emoji.split('\r\n')) expect(octets(l)).toBeLessThanOrEqual(75);
  });

  it('every line of a real file is ≤ 75 octets', () => {
    const ics = toIcs([{ ...ev, description: '很长的说明'.repeat(40) }], '很长的日历名称'.repeat(10), { now });
    for (const l of ics.split('\r\n')) expect(octets(l)).toBeLessThanOrEqual(75);
  });

  it('refuses a malformed date', () => {
    expect(() => toIcs([{ ...ev, date: '2025/06/30' }], 'c', { now })).toThrow(RangeError);
  });
});

describe('buildDeadlineEvents', () => {
  const open = {
    snapshot: { caseNo: '（2025）渝0107民初1号', cause: '买卖合同纠纷', judge: '张三', url: 'https://h/1' },
    deadline: { dueOn: '2025-07-31', level: 'notice' },
  };

  it('审限届满 on T and 延长申请截止 on T−15, with stable UIDs', () => {
    const ev = buildDeadlineEvents([open]);
    expect(ev.map((e) => [e.date, e.summary])).toEqual([
      ['2025-07-31', '审限届满：（2025）渝0107民初1号'],
      ['2025-07-16', '延长审限申请截止（T−15）：（2025）渝0107民初1号'],
    ]);
    expect(ev[0].uid).toBe(deadlineEventUid('（2025）渝0107民初1号', 'due'));
    expect(ev[0].uid).toMatch(/^due-[0-9a-f]{16}@zhixiao$/);
    expect(ev[1].uid).not.toBe(ev[0].uid);
    expect(ev[0].url).toBe('https://h/1');
    expect(ev[0].description).toContain('承办人：张三');
    // the UID does not depend on the date, so a moved deadline updates the same event
    const moved = buildDeadlineEvents([{ ...open, deadline: { dueOn: '2025-09-30', level: 'ok' } }]);
    expect(moved.map((e) => e.uid)).toEqual(ev.map((e) => e.uid));
    expect(deadlineEventUid('(2025)渝0107民初1号', 'due')).toBe(ev[0].uid);
  });

  it('uses leadTimes when given, skips apply-by when no extension is possible, skips closed / no-审限 cases and past days', () => {
    const withLt = buildDeadlineEvents([{ ...open, leadTimes: { applyBy: '2025-07-21', applyDays: 10 } }]);
    expect(withLt[1].date).toBe('2025-07-21');
    expect(withLt[1].summary).toContain('T−10');
    expect(buildDeadlineEvents([{ ...open, leadTimes: null }]).length).toBe(1);
    expect(buildDeadlineEvents([{ ...open, deadline: { dueOn: '2025-07-31', level: 'closed-in-time' } }])).toEqual([]);
    expect(buildDeadlineEvents([{ ...open, deadline: { dueOn: null, level: 'none' } }])).toEqual([]);
    expect(buildDeadlineEvents([open], { today: '2025-07-20' }).map((e) => e.date)).toEqual(['2025-07-31']);
    const adjusted = buildDeadlineEvents([{ ...open, deadline: { dueOn: '2025-10-01', dueOnAdjusted: '2025-10-09', level: 'ok' } }]);
    expect(adjusted[0].date).toBe('2025-10-09');
    expect(adjusted[0].description).toContain('法定节假日顺延');
  });

  it('feeds toIcs', () => {
    const ics = toIcs(buildDeadlineEvents([open]), '审限提醒', { now: new Date(Date.UTC(2025, 0, 1)) });
    expect(ics.match(/BEGIN:VEVENT/g)?.length).toBe(2);
    expect(ics.match(/BEGIN:VALARM/g)?.length).toBe(2);
  });
});

// SPC search priority (法发〔2020〕24号 art 4) and the 3-year window. Pure.

export type Tier = 1 | 2 | 3 | 4;

export const TIER_LABELS: Record<Tier, string> = {
  1: '① 最高人民法院指导性案例',
  2: '② 最高人民法院典型案例及裁判生效的案件',
  3: '③ 本省（自治区、直辖市）高级人民法院参考性案例及裁判生效的案件',
  4: '④ 上一级人民法院及本院裁判生效的案件',
};

/** Tier from an explicit value ("1", "guiding", "指导性案例", …) or, failing that, from the court name. */
export function resolveTier(tier: unknown, court?: string): Tier {
  if (tier === 1 || tier === 2 || tier === 3 || tier === 4) return tier;
  const t = typeof tier === 'string' ? tier.trim() : '';
  if (/^[1-4]$/.test(t)) return Number(t) as Tier;
  if (/^(①|guiding)$|指导性案例|指导案例/.test(t)) return 1;
  if (/^(②|spc)$|典型案例|最高人民法院/.test(t)) return 2;
  if (/^(③|provincial)$|参考性案例|高级人民法院|高院/.test(t)) return 3;
  if (/^(④|local|intermediate|own)$/.test(t)) return 4;
  if (court) {
    if (/最高人民法院/.test(court)) return 2;
    if (/高级人民法院/.test(court)) return 3;
  }
  return 4;
}

export const WINDOW_YEARS = 3;

/** Normalise "2019-3-5", "2019年3月5日", "2019/03/05" → "2019-03-05"; undefined if not a date. */
export function normalizeDate(d: unknown): string | undefined {
  if (typeof d !== 'string') return undefined;
  const m = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/.exec(d.normalize('NFKC'));
  if (!m) return undefined;
  const mo = +m[2];
  const da = +m[3];
  if (mo < 1 || mo > 12 || da < 1 || da > 31) return undefined;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(da).padStart(2, '0')}`;
}

/** First day of the window: the same calendar day `years` years before today (29 Feb → 28 Feb). */
export function windowStart(today: string, years = WINDOW_YEARS): string {
  const [y, m, d] = today.split('-').map(Number);
  const yy = y - years;
  const leap = (yy % 4 === 0 && yy % 100 !== 0) || yy % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${yy}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Whether a case falls inside the search window: 指导性案例 always do (art 4 excepts them); others
 * when decided on or after windowStart(today). null when the date is unknown.
 */
export function inWindow(tier: Tier, date: string | undefined, today: string, years = WINDOW_YEARS): boolean | null {
  if (tier === 1) return true;
  if (!date) return null;
  return date >= windowStart(today, years) && date <= today;
}

export function todayIso(): string {
  const d = new Date(Date.now() + 8 * 3600_000); // China time
  return d.toISOString().slice(0, 10);
}

// Small HTML helpers shared by the pages.
export function esc(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}
/** 2024-05-20 → 2024年05月20日 */
export function cnDate(d: string | undefined): string {
  return d ? `${d.slice(0, 4)}年${d.slice(5, 7)}月${d.slice(8, 10)}日` : '';
}
export function money(n: number | undefined): string {
  if (n === undefined) return '';
  const [i, f] = n.toFixed(2).split('.');
  return `${i.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${f}`;
}
export function period(e: { months?: number; days?: number }): string {
  return `${e.months ? `${e.months}个月` : ''}${e.days ? `${e.days}天` : ''}` || '0天';
}

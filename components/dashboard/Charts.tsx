// Two small charts as hand-written inline SVG (no chart library: a bar series and a histogram are a few rects).
// Bars keep their natural order (months oldest → newest, buckets by days left): nothing is sorted by value.
import type { HistogramBucket, TrendPoint } from '../../utils/domain/indicators';
import type { ReferenceRange } from '../../utils/rules/indicators';

const W = 560;
const H = 170;
const PAD = { l: 40, r: 10, t: 14, b: 34 };

export function TrendChart({ points, unit, range, title }: { points: TrendPoint[]; unit: string; range: ReferenceRange | null; title: string }) {
  const vals = points.map((p) => p.value).filter((v): v is number => v !== null);
  const hi = Math.max(1, ...vals, range?.high ?? 0, range?.low ?? 0) * 1.1;
  const iw = W - PAD.l - PAD.r, ih = H - PAD.t - PAD.b;
  const bw = iw / Math.max(points.length, 1);
  const y = (v: number) => PAD.t + ih - (v / hi) * ih;
  return (
    <svg class="zx-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title} data-chart="trend">
      <title>{title}</title>
      <line x1={PAD.l} y1={PAD.t + ih} x2={W - PAD.r} y2={PAD.t + ih} stroke="#9aa0a6" />
      <text x={4} y={PAD.t + 8} class="zx-axis">{fmt(hi, unit)}</text>
      <text x={4} y={PAD.t + ih} class="zx-axis">0</text>
      {range && range.low !== undefined && <RangeLine y={y(range.low)} label={`下限 ${fmt(range.low, unit)}`} />}
      {range && range.high !== undefined && <RangeLine y={y(range.high)} label={`上限 ${fmt(range.high, unit)}`} />}
      {points.map((p, i) => {
        const x = PAD.l + i * bw + bw * 0.15;
        const label = `${p.month}：${p.value === null ? '数据不足' : fmt(p.value, unit)}（${p.numerator}/${p.denominator}）`;
        return (
          <g data-month={p.month}>
            <title>{label}</title>
            {p.value !== null
              ? <rect x={x} y={y(p.value)} width={bw * 0.7} height={Math.max(0, PAD.t + ih - y(p.value))} class={`zx-bar zx-bar-${p.status}`} />
              : <text x={x} y={PAD.t + ih - 4} class="zx-axis">—</text>}
            <text x={x + bw * 0.35} y={H - 18} class="zx-axis" text-anchor="middle">{p.month.slice(2).replace('-', '/')}</text>
          </g>
        );
      })}
    </svg>
  );
}

function RangeLine({ y, label }: { y: number; label: string }) {
  return (
    <g>
      <line x1={PAD.l} y1={y} x2={W - PAD.r} y2={y} stroke="#2e7d32" stroke-dasharray="4 3" />
      <text x={W - PAD.r - 4} y={y - 3} class="zx-axis" text-anchor="end">{label}</text>
    </g>
  );
}

export function DaysLeftChart({ buckets, noCountdown, onPick }: { buckets: HistogramBucket[]; noCountdown: number; onPick?: (b: HistogramBucket) => void }) {
  const hi = Math.max(1, ...buckets.map((b) => b.count));
  const iw = W - PAD.l - PAD.r, ih = H - PAD.t - PAD.b;
  const bw = iw / Math.max(buckets.length, 1);
  return (
    <svg class="zx-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label="未结案件剩余审限天数分布" data-chart="days-left">
      <title>未结案件剩余审限天数分布（另有 {noCountdown} 件无倒计时）</title>
      <line x1={PAD.l} y1={PAD.t + ih} x2={W - PAD.r} y2={PAD.t + ih} stroke="#9aa0a6" />
      <text x={4} y={PAD.t + 8} class="zx-axis">{hi}</text>
      {buckets.map((b, i) => {
        const h = (b.count / hi) * ih;
        const x = PAD.l + i * bw + bw * 0.15;
        return (
          <g data-bucket={b.label} class={onPick ? 'zx-clickable' : undefined} onClick={() => onPick?.(b)}>
            <title>{`${b.label}：${b.count} 件（点击查看）`}</title>
            <rect x={x} y={PAD.t + ih - h} width={bw * 0.7} height={h} class={`zx-bar ${b.max !== null && b.max < 0 ? 'zx-bar-above' : 'zx-bar-plain'}`} />
            <text x={x + bw * 0.35} y={PAD.t + ih - h - 3} class="zx-axis" text-anchor="middle">{b.count}</text>
            <text x={x + bw * 0.35} y={H - 18} class="zx-axis" text-anchor="middle">{b.label}</text>
          </g>
        );
      })}
    </svg>
  );
}

export function fmt(v: number | null, unit: string): string {
  if (v === null) return '—';
  if (unit === '%') return `${v}%`;
  if (unit === '天') return `${v} 天`;
  return String(v);
}

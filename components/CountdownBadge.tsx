// The 审限 countdown on a case row: days left, coloured by level; closed cases show in time / late.
import { t } from '../utils/i18n';

export type BadgeLevel =
  | 'ok' | 'notice' | 'warning' | 'urgent' | 'overdue' | 'none' | 'closed-in-time' | 'closed-late' | 'error' | 'unknown';

export interface CountdownBadgeProps {
  level: BadgeLevel;
  daysLeft: number | null;
  /** Tooltip: the reason and basis, e.g. "审限届满 2025-02-28（民诉法 art 152）" */
  title: string;
  /** Short extra tags, e.g. 长期未结 tier or 风险 count */
  tags?: Array<{ text: string; title?: string; warn?: boolean }>;
}

export function badgeText(level: BadgeLevel, daysLeft: number | null): string {
  switch (level) {
    case 'closed-in-time': return t('levelClosedInTime');
    case 'closed-late': return t('levelClosedLate');
    case 'none': return t('levelNone');
    case 'error': case 'unknown': return t('cannotCompute');
    default:
      if (daysLeft === null) return t('cannotCompute');
      if (daysLeft < 0) return t('levelOverdue', -daysLeft);
      if (daysLeft === 0) return t('levelDueToday');
      return t('levelOk', daysLeft);
  }
}

/**
 * The same badge as plain DOM, for the hundreds of rows of a list page (no framework work per row; tested to
 * match CountdownBadge's markup). Every string goes in as text.
 */
export function buildCountdownBadge(doc: Document, { level, daysLeft, title, tags }: CountdownBadgeProps): HTMLElement {
  const el = (cls: string, text: string, tip?: string) => {
    const span = doc.createElement('span');
    span.className = cls;
    if (tip !== undefined) span.title = tip;
    span.textContent = text;
    return span;
  };
  const outer = doc.createElement('span');
  outer.className = 'zx zx-inline';
  const badge = el(`zx-badge zx-level-${level}`, badgeText(level, daysLeft), title);
  badge.dataset.level = level;
  badge.dataset.daysLeft = daysLeft === null ? '' : String(daysLeft);
  outer.appendChild(badge);
  for (const tag of tags ?? []) outer.appendChild(el(tag.warn ? 'zx-tag zx-tag-warn' : 'zx-tag', tag.text, tag.title));
  return outer;
}

export function CountdownBadge({ level, daysLeft, title, tags }: CountdownBadgeProps) {
  return (
    <span class="zx zx-inline">
      <span class={`zx-badge zx-level-${level}`} title={title} data-level={level} data-days-left={daysLeft ?? ''}>
        {badgeText(level, daysLeft)}
      </span>
      {tags?.map((tag) => (
        <span class={tag.warn ? 'zx-tag zx-tag-warn' : 'zx-tag'} title={tag.title}>{tag.text}</span>
      ))}
    </span>
  );
}

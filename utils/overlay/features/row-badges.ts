// The 审限 countdown badge on every recognised case row (lists and the 待阅核 list).
import { buildCountdownBadge, type CountdownBadgeProps } from '../../../components/CountdownBadge';
import { registerFeature } from '../feature';
import { mountStatic, removeOverlay } from '../mount';

registerFeature({
  id: 'row-badges',
  pages: ['case-list', 'review-list', 'archive'],
  apply(ctx) {
    const { result } = ctx;
    if (!result?.rowAnchors) return;
    result.cases.forEach((snapshot, i) => {
      const anchor = result.rowAnchors?.[i];
      if (!anchor) return;
      const view = ctx.rowViewOf(snapshot.caseNo);
      // No view (refused by the background, or not known yet): no countdown — never one left from before.
      if (!view) return removeOverlay(anchor, 'row-badge', 'prepend');
      const props: CountdownBadgeProps = { level: view.badge.level, daysLeft: view.badge.daysLeft, title: view.badge.title, tags: view.tags };
      // Prepended: host cells often clip overflowing text (ellipsis), and the badge must stay visible.
      mountStatic(anchor, 'row-badge', JSON.stringify(props), (doc) => buildCountdownBadge(doc, props), 'prepend');
    });
  },
});

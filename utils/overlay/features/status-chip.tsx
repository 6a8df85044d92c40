// A small honest status on every profile origin: page kind recognised, cases cached, fields missing.
import { StatusChip, type StatusChipProps } from '../../../components/StatusChip';
import { registerFeature } from '../feature';
import { mountFloating } from '../mount';
import type { OverlayContext } from '../context';

export function statusOf(ctx: OverlayContext): StatusChipProps {
  if (ctx.backgroundError) return { state: 'error', message: ctx.backgroundError };
  if (!ctx.page || !ctx.result || ctx.page.kind === 'other') return { state: 'unrecognized' };
  return {
    state: 'recognized',
    pageKind: ctx.page.kind,
    casesCached: ctx.casesCached,
    missing: ctx.result.missing,
    errors: ctx.result.errors,
  };
}

registerFeature({
  id: 'status-chip',
  pages: ['*'],
  apply(ctx) {
    const status = statusOf(ctx);
    // Frames: the top frame speaks for the portal; a sub-frame shows a chip only where it recognised something.
    if (!ctx.isTopFrame && status.state !== 'recognized') return;
    if (ctx.doc.body?.tagName === 'FRAMESET' || !ctx.doc.body) return;
    mountFloating(ctx.doc, 'status-chip', <StatusChip {...status} />);
  },
});

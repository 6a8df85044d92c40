// The 审限 panel on the case page: timeline, due date, warnings with reasons, and the what-if control.
import { CasePanel, type WhatIfEvent } from '../../../components/CasePanel';
import { chinaToday } from '../../domain/dates';
import { request } from '../../messaging/transport';
import type { CaseView } from '../../views/case-view';
import { registerFeature } from '../feature';
import { mountOverlay } from '../mount';

async function whatIf(caseNo: string, events: WhatIfEvent[]): Promise<CaseView | string> {
  try {
    return (await request({ type: 'whatIf', caseNo, events })).result;
  } catch (err) {
    return `测算失败：${(err as Error).message}`;
  }
}

registerFeature({
  id: 'case-panel',
  pages: ['case-detail', 'archive'],
  apply(ctx) {
    const result = ctx.result;
    const snapshot = result?.cases[0];
    const anchor = result?.detailAnchor;
    if (!snapshot || !anchor) return;
    const view = ctx.viewOf(snapshot.caseNo);
    if (!view) return;
    mountOverlay(anchor, 'case-panel',
      <CasePanel view={view} today={chinaToday(new Date())} onWhatIf={(events) => whatIf(snapshot.caseNo, events)} />,
      'before');
  },
});

// Content-script wiring: the overlay loop talks to the background only through typed, validated messages.
import { stripAnchors } from '../host/engine-core';
import { request } from '../messaging/transport';
import { startOverlay, type OverlayBackend, type OverlayHandle } from './run';
import './features/status-chip';
import './features/row-badges';
import './features/case-panel';
import './features/archive-checklist';
import './features/similar-cases';
import './features/supervision';

export const messagingBackend: OverlayBackend = {
  async profilesFor(url) {
    return (await request({ type: 'getProfiles', url })).profiles;
  },
  async recentRows(url) {
    return (await request({ type: 'recentRows', url })).page;
  },
  async ingest(profileId, result, url, detail) {
    const data = stripAnchors(result);
    const reply = await request({
      type: 'ingest',
      profileId,
      pageKind: data.kind,
      url,
      cases: data.cases,
      missing: data.missing,
      errors: data.errors,
      ...(detail ? { detail } : {}),
    });
    return { views: reply.views, rows: reply.rows, casesCached: reply.casesCached, rejected: reply.rejected ?? [] };
  },
};

let handle: OverlayHandle | null = null;

/** Starts once per frame; a second call (e.g. a re-injection) is ignored. */
export function startContentScript(win: Window): void {
  if (handle || (win as unknown as { __zhixiao?: boolean }).__zhixiao) return;
  (win as unknown as { __zhixiao?: boolean }).__zhixiao = true;
  try {
    handle = startOverlay(win, messagingBackend);
  } catch (err) {
    console.debug('[质效助手] could not start', err);
  }
}

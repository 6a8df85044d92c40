// What every overlay feature gets: the page, what the profile read from it, and the view models the
// background computed for its cases.
import type { HostProfile, PageKind } from '../host/profile';
import type { PageResult } from '../host/engine-core';
import type { CaseView, RowView } from '../views/case-view';

export interface OverlayContext {
  doc: Document;
  url: string;
  isTopFrame: boolean;
  profile: HostProfile | null;
  page: { kind: PageKind; name: string } | null;
  result: PageResult | null;
  /** The view for a case the page shows (matched by normalized 案号, whatever brackets the page uses). */
  viewOf(caseNo: string): CaseView | undefined;
  /** What a row badge needs; on list pages the background sends only this (see IngestMessageSchema.detail). */
  rowViewOf(caseNo: string): RowView | undefined;
  /** How many cases the local cache holds in total (for the status chip). */
  casesCached: number;
  /** A problem talking to the background, if any (shown, never thrown). */
  backgroundError: string | null;
  /** Re-run the scan (e.g. after a sign-off changed the data). */
  refresh(): void;
}

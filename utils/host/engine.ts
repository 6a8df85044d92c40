// The profile engine with zod checks: every snapshot, event and user is validated as it is read. Used where the
// result is final (Node: `npm run extract`, tests, fixtures). The content script uses engine-core's extractPage
// without checks and the background validates each case at ingest (utils/background/ingest.ts).
import { CaseEventSchema, CaseSnapshotSchema } from '../domain/case';
import type { HostProfile } from './profile';
import { PageUserSchema } from './page-user';
import { extractPage, type Checks, type PageResult } from './engine-core';

export * from './engine-core';
export { PageUserSchema, type PageUser } from './page-user';

export const ZOD_CHECKS: Checks = { event: CaseEventSchema, snapshot: CaseSnapshotSchema, user: PageUserSchema };

/**
 * Read a page with a profile: find the page rule for the URL (and its `match.selector`), extract the cases,
 * validate each with CaseSnapshotSchema. Cases with a missing required value or any unreadable value are left
 * out entirely (nothing partial) and reported in `missing` / `errors`. Never throws.
 */
export function applyProfile(profile: HostProfile, doc: Document, url: string): PageResult {
  return extractPage(profile, doc, url, ZOD_CHECKS);
}

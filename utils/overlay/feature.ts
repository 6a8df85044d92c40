// refined-github style: one feature per file, each registered with the page kinds it applies to, and run in
// isolation so that one failing feature never breaks the others or the host page.
import type { PageKind } from '../host/profile';
import type { OverlayContext } from './context';

export interface OverlayFeature {
  id: string;
  /** Page kinds the feature applies to; '*' for every page of a profile origin. */
  pages: Array<PageKind | '*'>;
  /** Mounts or updates the feature's overlays. Must be idempotent. */
  apply(ctx: OverlayContext): void | Promise<void>;
}

const features: OverlayFeature[] = [];

export function registerFeature(feature: OverlayFeature): void {
  if (!features.some((f) => f.id === feature.id)) features.push(feature);
}

export function featuresFor(kind: PageKind | null): OverlayFeature[] {
  return features.filter((f) => f.pages.includes('*') || (kind !== null && f.pages.includes(kind)));
}

/** Runs every feature for the page (or only those named); errors are caught per feature and reported, never thrown into the page. */
export async function runFeatures(ctx: OverlayContext, only?: ReadonlyArray<string>): Promise<string[]> {
  const failures: string[] = [];
  for (const feature of featuresFor(ctx.page?.kind ?? null)) {
    if (only && !only.includes(feature.id)) continue;
    try {
      await feature.apply(ctx);
    } catch (err) {
      failures.push(`${feature.id}: ${(err as Error)?.message ?? String(err)}`);
    }
  }
  return failures;
}

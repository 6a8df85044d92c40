// The archive conditions that come from supervision rather than from the 目录 (domain.md §11.5): whether the case
// is supervised (四类, confirmed by a person or by the host), whether 阅核 is required, and whether 类案检索 was
// mandatory (法发〔2020〕24号 art 2) — so the 监管/阅核 records and the 类案检索报告 are required exactly then.
import type { CaseSnapshot } from './case';
import type { ArchiveContext } from './archive';
import { reviewRequirement } from './review';
import type { ReviewRules } from '../rules/review';

/** 专业（主审）法官会议 or 审委会 named in the case's materials: the case went (or is going) to discussion. */
export const REFERRAL_PATTERN = /专业(?:（主审）)?法官会议|审判委员会|审委会/;

export interface SupervisionArchiveInput {
  snapshot: CaseSnapshot;
  /** 四类 marked by a person (an unconfirmed automatic suggestion does not count) or by the host */
  supervised: boolean;
  /** 阅核 records of the case: a route to a meeting, or an opinion asking for 类案, makes the search mandatory */
  signoffs?: Array<{ recommendedRoute?: string | null; opinion?: string | null }>;
  reviewRules?: ReviewRules;
}

export function supervisionArchiveContext(input: SupervisionArchiveInput): ArchiveContext {
  const s = input.snapshot;
  const requirement = input.reviewRules
    ? reviewRequirement({ snapshot: s, marked四类: input.supervised }, input.reviewRules)
    : reviewRequirement({ snapshot: s, marked四类: input.supervised });
  const texts = [...(s.signals ?? []), ...(s.documents ?? []).map((d) => d.title), ...(s.writs ?? []).map((w) => w.title)];
  const referred = texts.some((t) => REFERRAL_PATTERN.test(t));
  const asked = (input.signoffs ?? []).some(
    (x) => x.recommendedRoute === '专业法官会议' || x.recommendedRoute === '审委会' || /类案/.test(x.opinion ?? ''),
  );
  return { supervised: input.supervised, reviewRequired: requirement.required, similarCaseRequired: input.supervised || referred || asked };
}

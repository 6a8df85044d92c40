// Lengths a host user's name / role / division may have (PageUserSchema). Zod-free, so that the engine can apply
// them in the content script too, where it runs without the zod checks: a banner that cannot be a user (e.g. markup
// or a whole paragraph in #currentUser) is reported as unreadable there as well, instead of being sent to the
// background and refused on every scan.
export const PAGE_USER_MAX = { name: 64, role: 32, division: 64 } as const;

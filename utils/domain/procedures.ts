// Procedure values per category (contracts.md), as plain data: no zod, usable by the content script.
/** contracts.md: procedure values per category. Extending is allowed, renaming is not. */
export const PROCEDURES = {
  civil: ['ordinary', 'simple', 'small-claims', 'second-judgment', 'second-ruling', 'special', 'retrial-review', 'foreign'],
  criminal: ['public-ordinary', 'private-detained', 'private-free', 'simple', 'simple-long', 'fast-track', 'fast-track-long', 'second', 'retrial'],
  administrative: ['ordinary', 'simple', 'second'],
  enforcement: ['ordinary', 'non-litigation'],
  compensation: ['decision'],
} as const;

// Public API of the similar-case search (类案检索). Everything here is pure except persist.ts.
export { tokenize, termFrequencies, contentBigrams, stripBoilerplate } from './tokenize';
export { InvertedIndex, DEFAULT_BM25, type DocMeta, type Bm25Params } from './inverted-index';
export { normalizeCharge, normalizeCharges, extractCharges, chargeGroup, isOfficialCharge } from './charges';
export { parseStatutes, parseChineseNumber, canonicalLaw, statuteKey, statuteKeys, formatStatute, type Statute } from './statutes';
export { resolveTier, inWindow, windowStart, normalizeDate, TIER_LABELS, WINDOW_YEARS, type Tier } from './tiers';
export {
  SearchIndex, buildIndex, search, groupByTier, analyseQuery, docMeta, DEFAULT_RANK,
  type CorpusDoc, type Query, type Hit, type HitReasons, type SearchOptions, type SearchResult, type RankParams, type TierGroup,
} from './search';
export { parseCorpus, parseCorpusLine, entryToDoc, entryText, hash32, type CorpusFormat, type LineError } from './corpus';
export { CaseEntrySchema, JsonlDocSchema, CaselibEntrySchema, type CaseEntry } from './corpus-schema';
export { buildSimilarCaseReport, type SimilarCaseReport, type ReportInput, type ReportCase, type PendingCase } from './report';

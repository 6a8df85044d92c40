// Party citations of 指导性案例 / 入库案例 (domain.md §10.1 art 10, §10.4 "Party citations"): a regex set as data,
// run over any text the page shows (document titles, filings). A hit means the court must answer the citation
// in the 裁判文书's reasoning. Pure.

export interface CitationRule {
  id: string;
  /** What was cited, for the prompt */
  kind: '指导性案例' | '入库案例';
  /** Regex source (global, unicode flags are added) */
  pattern: string;
  basis: string;
}

export const CITATION_RULES: readonly CitationRule[] = [
  { id: 'guiding-numbered', kind: '指导性案例', pattern: '指导(?:性)?案例\\s*(?:第\\s*)?[0-9０-９一二三四五六七八九十百零〇]+\\s*号', basis: '法发〔2020〕24号第十条' },
  { id: 'guiding', kind: '指导性案例', pattern: '指导性案例', basis: '法发〔2020〕24号第十条' },
  { id: 'caselib-entry-no', kind: '入库案例', pattern: '入库编号[:：]?\\s*[0-9]{4}-[0-9]{2}-[0-9]-[0-9]{3}-[0-9]{3}', basis: '《人民法院案例库建设运行工作规程》（法〔2024〕92号）' },
  { id: 'caselib-bare-no', kind: '入库案例', pattern: '(?<![0-9-])[0-9]{4}-[0-9]{2}-[0-9]-[0-9]{3}-[0-9]{3}(?![0-9-])', basis: '《人民法院案例库建设运行工作规程》（法〔2024〕92号）' },
  { id: 'caselib', kind: '入库案例', pattern: '入库案例|人民法院案例库参考案例|案例库参考案例', basis: '《人民法院案例库建设运行工作规程》（法〔2024〕92号）' },
  { id: 'reference', kind: '入库案例', pattern: '参考案例', basis: '《人民法院案例库建设运行工作规程》（法〔2024〕92号）' },
];

export interface Citation {
  kind: CitationRule['kind'];
  ruleId: string;
  /** The matched words */
  match: string;
  /** The text line it was found in (shortened) */
  source: string;
  basis: string;
  message: string;
}

const compiled = new Map<string, RegExp>();
function re(rule: CitationRule): RegExp {
  let r = compiled.get(rule.id + rule.pattern);
  if (!r) {
    r = new RegExp(rule.pattern, 'gu');
    compiled.set(rule.id + rule.pattern, r);
  }
  r.lastIndex = 0;
  return r;
}

/** Every citation in `texts`, one per (kind, match); more specific rules win over the generic words they contain. */
export function detectCitations(texts: readonly string[], rules: readonly CitationRule[] = CITATION_RULES): Citation[] {
  const out: Citation[] = [];
  const seen = new Set<string>();
  for (const raw of texts) {
    if (!raw) continue;
    for (const line of raw.split(/\n+/)) {
      const text = line.normalize('NFKC');
      const taken: Array<[number, number]> = [];
      for (const rule of rules) {
        for (const m of text.matchAll(re(rule))) {
          const start = m.index ?? 0;
          const end = start + m[0].length;
          if (taken.some(([a, b]) => start < b && end > a)) continue; // inside a more specific match
          taken.push([start, end]);
          const match = m[0].replace(/\s+/g, '');
          const key = `${rule.kind}|${match}|${line.slice(0, 80)}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const source = text.trim().length > 80 ? `${text.trim().slice(0, 80)}…` : text.trim();
          out.push({
            kind: rule.kind,
            ruleId: rule.id,
            match,
            source,
            basis: rule.basis,
            message:
              rule.kind === '指导性案例'
                ? `当事人或公诉机关引用了指导性案例（“${match}”），须在裁判文书说理中回应是否参照及理由（${rule.basis}）`
                : `当事人或公诉机关引用了入库案例（“${match}”），须在裁判文书说理中予以回应（${rule.basis}）`,
          });
        }
      }
    }
  }
  return out;
}

// The judge's marks on a 类案 result (plain data, shared by the panel and the message schemas).
export const SIMILAR_MARKS = ['参照', '参考', '不相关'] as const;
export type SimilarMarkValue = (typeof SIMILAR_MARKS)[number];

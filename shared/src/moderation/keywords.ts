/**
 * The local stand-in for WeChat's content-security check (msgSecCheck): a keyword filter over
 * normalized text. Normalizing first (full-width → half-width, case, and dropping the spaces,
 * punctuation and zero-width characters people put between characters to dodge filters) means
 * "代 开-发·票" is caught like "代开发票". On CloudBase the platform check runs as well.
 */
export type ContentVerdict = 'pass' | 'review' | 'risky';

/** Words that never belong in a report to the community: ads, fraud, gambling, porn, drugs, weapons. */
export const BLOCKED_WORDS: readonly string[] = [
  // Ads and fraud aimed at residents
  '代开发票', '办证刻章', '刷单返利', '网赚兼职', '无抵押贷款', '贷款秒批', '套现提额', '高额返利', '加微信领', '裸聊',
  // Gambling
  '网络赌博', '赌博网站', '网上赌场', '百家乐', '六合彩', '时时彩', '博彩',
  // Porn
  '色情服务', '援交', '约炮', '一夜情',
  // Drugs and weapons
  '冰毒', '海洛因', '摇头丸', 'k粉', '大麻出售', '枪支出售', '仿真枪出售', '迷药', '出售枪支',
];

const SEPARATORS = /[\s\p{P}\p{S}\u200b-\u200f\u2060\ufeff]/gu;

/** The comparable form of a text: NFKC (full-width → half-width), lower case, no separators. */
export function normalizeForFilter(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(SEPARATORS, '');
}

/** Normalized on first use, not at load: compiling the Unicode-class pattern takes ~1 ms, a cold-start cost most calls never need. */
let normalized: (readonly [string, string])[] | undefined;

/** The first blocked word the text contains (after normalizing both), or null. */
export function findBlockedWord(text: string): string | null {
  const t = normalizeForFilter(text);
  normalized ??= BLOCKED_WORDS.map((w) => [w, normalizeForFilter(w)] as const);
  for (const [word, norm] of normalized) if (t.includes(norm)) return word;
  return null;
}

export const keywordVerdict = (text: string): ContentVerdict => (findBlockedWord(text) ? 'risky' : 'pass');

/** Query and text normalisation shared by index building and matching. */

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

export function hasHan(s: string): boolean {
  return HAN.test(s);
}

/** Lower-case, full-width to half-width, drop whitespace and punctuation. */
export function normalize(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ü/g, 'v')
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** Latin-only queries are matched against pinyin; anything with a Han character against the text. */
export function isPinyinQuery(q: string): boolean {
  return /^[a-z]+$/.test(q);
}

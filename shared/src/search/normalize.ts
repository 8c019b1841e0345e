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

/**
 * A syllable with the distinctions south-western speakers (and their typing) blur folded away:
 * zh/z, ch/c, sh/s, n/l, h/f initials and in/ing, en/eng finals.
 */
export function fuzzySyllable(s: string): string {
  return s
    .replace(/^([zcs])h/, '$1')
    .replace(/^n(?!g)/, 'l')
    .replace(/^h/, 'f')
    .replace(/ing$/, 'in')
    .replace(/eng$/, 'en');
}

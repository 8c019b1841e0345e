/**
 * Masking of personal numbers wherever data leaves the people handling a request: lists, logs,
 * exports, open data. A masked number keeps just enough to tell two apart (138****5678) and
 * nothing to call or identify anyone with. Pure string functions; nothing here knows a request.
 *
 * Residents type numbers every which way, so the text scanner accepts full-width digits (１３８…),
 * spaces, dashes and dots between digits, and +86 / 0086 / (86) in front. It errs on the side of
 * masking: a number that merely looks like a phone or an ID is masked too.
 */

const STAR = '*';

/** Full-width ASCII (Ｕ+FF01–FF5E, e.g. １, ＋, －, Ｘ) and the ideographic space as ASCII. Same length. */
export function halfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

const digitsOf = (s: string) => halfWidth(s).replace(/[^0-9Xx]/g, '').toUpperCase();

/** `head` and `tail` characters kept, the rest starred (at least four stars when anything is hidden). */
function keepEnds(s: string, head: number, tail: number, stars?: number): string {
  if (s.length <= head + tail) return STAR.repeat(s.length);
  return s.slice(0, head) + STAR.repeat(stars ?? s.length - head - tail) + s.slice(s.length - tail);
}

const MOBILE = /^1[3-9]\d{9}$/;
/** Beijing, Tianjin, Shanghai, Chongqing and the 02x cities have three-digit area codes; the rest four. */
const areaCodeLength = (national: string) => (/^0(10|2\d)/.test(national) ? 3 : 4);

/**
 * One phone number (a field's value) → `138****5678`; a landline keeps its area code
 * (`028****4321`). Anything else with 7+ characters keeps its first 3 and last 4; shorter is all stars.
 * Idempotent: a masked number stays as it is.
 */
export function maskPhone(phone: string): string {
  const compact = halfWidth(phone).replace(/\s/g, '');
  const digits = compact.replace(/\D/g, '');
  const national = digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits.length === 15 && digits.startsWith('0086') ? digits.slice(4) : digits;
  if (MOBILE.test(national)) return keepEnds(national, 3, 4);
  if (/^0\d{9,11}$/.test(national) && digits === compact.replace(/[-()]/g, '')) return keepEnds(national, areaCodeLength(national), 4, 4);
  if (compact.length < 7) return STAR.repeat(compact.length);
  return keepEnds(compact, 3, 4, 4);
}

/**
 * A resident ID number (居民身份证号) → first 3 and last 4 kept, length kept:
 * `510107199001011234` → `510***********1234`; the old 15-digit form alike. Birth date and place
 * are hidden. Anything shorter than 8 characters is all stars.
 */
export function maskIdNumber(id: string): string {
  const s = digitsOf(id);
  if (s.length < 8) return STAR.repeat(s.length);
  return keepEnds(s, 3, 4);
}

/** `zhang.san@qq.com` → `z***@qq.com` (a QQ mailbox name is the QQ number). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return STAR.repeat(email.length);
  return `${email[0]}***${email.slice(at)}`;
}

// ---- Free text ----

/** Between two digits: spaces, hyphens and dashes, dots. */
const SEP = '[ \\t\\u00A0\\-\\u2010-\\u2015.]';
const D = '\\d';
const g = (parts: string[]) => new RegExp(parts.join(''), 'g');

interface Rule {
  pattern: RegExp;
  /** The masked form of one match (of the half-width text). */
  mask: (match: RegExpExecArray) => string;
}

/** Tried in this order; a later rule never touches what an earlier one masked. */
const RULES: Rule[] = [
  // 18-digit ID numbers (last digit may be X), possibly written in groups.
  { pattern: g([`(?<![0-9A-Za-z])[1-9](?:${SEP}?${D}){16}${SEP}?[0-9Xx](?![0-9A-Za-z])`]), mask: (m) => maskIdNumber(m[0]) },
  // Bank cards written in groups of four (before phones, whose digits such a card could contain).
  { pattern: g([`(?<!\\d)${D}{4}(?: ${D}{4}){3,}(?: ${D}{1,3})?(?!\\d)`]), mask: (m) => keepEnds(digitsOf(m[0]), 0, 4) },
  // Mainland mobiles, with or without +86 / 0086 / (86) / 86 in front.
  {
    pattern: g([`(?<!\\d)((?:\\(?(?:\\+|00)?86\\)?${SEP}?)?)`, `(1[3-9](?:${SEP}?${D}){9})(?!\\d)`]),
    mask: (m) => m[1] + maskPhone(m[2]),
  },
  // Landlines with an area code: 028-8765 4321, (0755)1234567, +86 28 8765 4321.
  {
    pattern: g([`(?<!\\d)(?:\\(0${D}{2,3}\\)|0${D}{2,3}|(?:\\+|00)86${SEP}?[1-9]${D}{1,2})${SEP}?${D}{3,4}${SEP}?${D}{4}(?!\\d)`]),
    mask: (m) => {
      const digits = digitsOf(m[0]);
      const national = digits.startsWith('0086') ? `0${digits.slice(4)}` : digits.startsWith('86') ? `0${digits.slice(2)}` : digits;
      return keepEnds(national, areaCodeLength(national), 4, 4);
    },
  },
  // A bare local number right after a word that says it is one (电话：87654321).
  {
    pattern: g([`(?<=(?:电话|手机|座机|固话|联系方式|号码|tel|Tel|TEL|phone|Phone)[：:\\s]*(?:是|为)?[：:\\s]*)${D}{3,4}${SEP}?${D}{4}(?!\\d)`]),
    mask: (m) => keepEnds(digitsOf(m[0]), 0, 4, 4),
  },
  // Long numbers: utility account numbers, old 15-digit IDs, bank cards written without spaces.
  { pattern: g([`(?<!\\d)${D}{12,}(?!\\d)`]), mask: (m) => keepEnds(m[0], 0, 4) },
  // E-mail addresses.
  { pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g, mask: (m) => maskEmail(m[0]) },
];

/**
 * Free text (a description, a note) with every phone number (mobile, landline with area code, or a
 * bare number right after 电话/手机/…), ID number, long account or card number and e-mail address
 * masked; everything else is left exactly as written.
 */
export function maskText(text: string): string {
  let scan = halfWidth(text);
  let out = text;
  for (const { pattern, mask } of RULES) {
    const edits: { start: number; end: number; value: string }[] = [];
    for (const m of scan.matchAll(pattern)) edits.push({ start: m.index!, end: m.index! + m[0].length, value: mask(m as RegExpExecArray) });
    // Right to left, so earlier offsets stay valid; `scan` gets the same edits, so later rules see masked text.
    for (const e of edits.reverse()) {
      out = out.slice(0, e.start) + e.value + out.slice(e.end);
      scan = scan.slice(0, e.start) + e.value + scan.slice(e.end);
    }
  }
  return out;
}

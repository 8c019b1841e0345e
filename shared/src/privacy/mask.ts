/**
 * Masking of personal data wherever it leaves the people handling a request: lists, logs,
 * exports, open data. A masked number keeps just enough to tell two apart (138****5678) and
 * nothing to call or identify anyone with. Pure string functions; nothing here knows a request.
 *
 * Residents type numbers every which way, so the text scanner first normalises what it reads:
 * full-width characters (１３８…), numbers written out in Chinese numerals (一三九一二三四…), and
 * up to three separators between two digits (spaces, dashes, dots, slashes, 。 and ·, zero-width
 * spaces); +86 / 0086 / (86) in front. It errs on the side of masking: a number that merely looks
 * like a phone or an ID is masked too. Beside numbers it masks e-mail addresses, WeChat and QQ ids
 * given as such, door (room) numbers, a name followed by a title (李师傅 → *师傅, 李建国师傅 → ***师傅)
 * and a name after 姓名 / 联系人 / 我叫 / 我是 (联系人张伟 → 联系人**).
 */

const STAR = '*';
const stars = (n: number) => STAR.repeat(n);

/** Full-width ASCII (Ｕ+FF01–FF5E, e.g. １, ＋, －, Ｘ) and the ideographic space as ASCII. Same length. */
export function halfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** Chinese numerals as written in a number read out digit by digit (幺 is how 1 is read in one). */
const CJK_DIGIT: Readonly<Record<string, string>> = {
  〇: '0', 零: '0', 一: '1', 幺: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9',
  壹: '1', 贰: '2', 叁: '3', 肆: '4', 伍: '5', 陆: '6', 柒: '7', 捌: '8', 玖: '9',
};

/** Between two digits: spaces (also no-break and zero-width), dashes, dots, slashes, bars, 。 and the middle dots. */
const SEP = '[ \\t\\u00A0\\u200B-\\u200D\\u2060\\uFEFF\\-\\u2010-\\u2015./\\\\|_\\u00B7\\u2022\\u2027\\u30FB\\u3002\\uFF61]';
/** What may stand between two digits of one number. */
const GAP = `${SEP}{0,3}`;
/** Zero-width characters: invisible, so a digit on their other side is next to this one. */
const ZW = '[\\u200B-\\u200D\\u2060\\uFEFF]';
const NO_DIGIT_BEFORE = `(?<!\\d${ZW}*)`;
const NO_DIGIT_AFTER = `(?!${ZW}*\\d)`;
const D = '\\d';
const g = (parts: string[]) => new RegExp(parts.join(''), 'g');

/** Seven or more Chinese numerals in a row (separators allowed): a number written out, not 一二三 in a sentence. */
const CJK_NUMBER = g([`[${Object.keys(CJK_DIGIT).join('')}](?:${GAP}[${Object.keys(CJK_DIGIT).join('')}]){6,}`]);

/**
 * The text the scanner reads: half-width, and a number written in Chinese numerals as digits.
 * Same length as the input, character for character, so a match's offsets are the input's.
 */
export function normalizeNumbers(text: string): string {
  return halfWidth(text).replace(CJK_NUMBER, (run) => run.replace(/./g, (c) => CJK_DIGIT[c] ?? c));
}

const digitsOf = (s: string) => normalizeNumbers(s).replace(/[^0-9Xx]/g, '').toUpperCase();

/** `head` and `tail` characters kept, the rest starred (`stars` of them, or as many as hidden). */
function keepEnds(s: string, head: number, tail: number, count?: number): string {
  return s.slice(0, head) + stars(count ?? s.length - head - tail) + s.slice(s.length - tail);
}

/**
 * The one rule for how much of a short number or ID stays visible, in a field and in free text alike:
 * fewer than 7 characters → nothing; 7 to 10 (a local number, 87654321) → the last 4 (`****4321`);
 * 11 and more → the first 3 and the last 4 (`123****8901`). `count` fixes the number of stars.
 */
function maskNumber(s: string, count?: number): string {
  if (s.length < 7) return stars(s.length);
  return keepEnds(s, s.length < 11 ? 0 : 3, 4, count);
}

const MOBILE = /^1[3-9]\d{9}$/;
/** Beijing, Tianjin, Shanghai, Chongqing and the 02x cities have three-digit area codes; the rest four. */
const areaCodeLength = (national: string) => (/^0(10|2\d)/.test(national) ? 3 : 4);
/** +86, 0086, (86), (+86) in front of a number. */
const COUNTRY_CODE = /^(?:\(?(?:\+|00)86\)?|\(86\))/;

/**
 * One phone number (a field's value) → `138****5678`; a landline keeps its area code
 * (`028****4321`, also from `+86 28 8765 4321`). Anything else follows the short-number rule
 * (`87654321` → `****4321`, as in free text; under 7 characters all stars).
 * Idempotent: a masked number stays as it is.
 */
export function maskPhone(phone: string): string {
  const compact = normalizeNumbers(phone).replace(new RegExp(`${SEP}|\\s`, 'g'), '');
  if (compact.includes(stars(4))) return compact;
  const intl = COUNTRY_CODE.exec(compact);
  const rest = intl ? compact.slice(intl[0].length) : compact.replace(/^86(?=1[3-9]\d{9}$)/, '');
  if (MOBILE.test(rest)) return keepEnds(rest, 3, 4);
  // A landline: digits only (parentheses around the area code dropped), the leading 0 back after a country code.
  const area = rest.replace(/[()]/g, '');
  const national = intl && !area.startsWith('0') ? `0${area}` : area;
  if (/^0[1-9]\d{8,10}$/.test(national)) return keepEnds(national, areaCodeLength(national), 4, 4);
  return maskNumber(compact, 4);
}

/**
 * A resident ID number (居民身份证号) → first 3 and last 4 kept, length kept:
 * `510107199001011234` → `510***********1234`; the old 15-digit form alike. Birth date and place
 * are hidden. Shorter values follow the short-number rule of `maskPhone` (`12345678` → `****5678`).
 */
export function maskIdNumber(id: string): string {
  return maskNumber(digitsOf(id));
}

/** `zhang.san@qq.com` → `z***@qq.com` (a QQ mailbox name is the QQ number). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return STAR.repeat(email.length);
  return `${email[0]}***${email.slice(at)}`;
}

// ---- Free text ----

/** The 100 commonest surnames (about 85 % of people) and the compound ones, as they stand before a title. */
const SURNAMES = [
  '欧阳', '司马', '上官', '诸葛', '皇甫', '尉迟', '公孙', '慕容', '令狐', '司徒', '夏侯', '长孙', '宇文',
  '[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤]',
].join('|');
/** Titles that follow a surname when people name someone (王阿姨, 李师傅, 陈老师). */
const TITLES = '师傅|阿姨|大爷|大妈|大娘|大叔|大伯|大姐|大哥|奶奶|爷爷|婆婆|阿婆|阿伯|伯伯|叔叔|老师|先生|女士|小姐|主任|书记|医生|大夫|经理|老板';

/**
 * Characters that stand between a surname-like character and a title, or after a surname, in
 * ordinary words rather than in a given name: 马上师傅就来, 方便师傅上门, 钟点工阿姨, 高层住户. A
 * given name is never taken to contain one, so those words keep their meaning.
 */
const NOT_GIVEN = '[的了是在和与跟给向找请叫让被把对说问等位个名些这那每各老业区楼修洁工点电话手机联系住户层楼栋门口上下前后左右里外内边旁便班牌级材料都也还就又再已将要会能可没不很太更最来去到过着一二三四五六七八九十两几号单元室]';
/** One character of a given name: a CJK character that is not an ordinary word's and does not start a title. */
const GIVEN = `(?:(?!${NOT_GIVEN}|${TITLES})[\\u4E00-\\u9FFF])`;
/** A surname and one or two given-name characters (张伟, 王秀英, 欧阳娜娜). */
const FULL_NAME = `(?:${SURNAMES})${GIVEN}{1,2}`;
/**
 * Words made of surname characters that come right before a name (向王阿姨反映, 于是李师傅…): kept
 * as written, so the name after them is what gets masked. A real 向 or 于 before a given name that
 * is not itself a surname (向建国师傅) is still masked whole.
 */
const LEAD_WORDS = '向|于是|于|马上|万一|高于';

/** A number (or id) right after the word that says what it is, with an optional 是/为 and colon. */
const after = (words: string) => `(?<=(?:${words})[：:\\s]*(?:是|为)?[：:\\s]*)`;

interface Rule {
  pattern: RegExp;
  /** The masked form of one match (of the normalised text). */
  mask: (match: RegExpExecArray) => string;
}

/** Tried in this order; a later rule never touches what an earlier one masked. */
const RULES: Rule[] = [
  // 18-digit ID numbers (last digit may be X), possibly written in groups.
  { pattern: g([`(?<![0-9A-Za-z]${ZW}*)[1-9](?:${GAP}${D}){16}${GAP}[0-9Xx](?!${ZW}*[0-9A-Za-z])`]), mask: (m) => maskIdNumber(m[0]) },
  // Bank cards written in groups of four (before phones, whose digits such a card could contain).
  { pattern: g([`${NO_DIGIT_BEFORE}${D}{4}(?: ${D}{4}){3,}(?: ${D}{1,3})?${NO_DIGIT_AFTER}`]), mask: (m) => keepEnds(digitsOf(m[0]), 0, 4) },
  // Mainland mobiles, with or without +86 / 0086 / (86) / 86 in front.
  {
    pattern: g([`${NO_DIGIT_BEFORE}((?:\\(?(?:\\+|00)?86\\)?${GAP})?)`, `(1${GAP}[3-9](?:${GAP}${D}){9})${NO_DIGIT_AFTER}`]),
    mask: (m) => m[1] + maskPhone(m[2]),
  },
  // Landlines with an area code: 028-8765 4321, (0755)1234567, +86 28 8765 4321.
  {
    pattern: g([`${NO_DIGIT_BEFORE}(?:\\(0${D}{2,3}\\)|0${D}{2,3}|(?:\\+|00)86${GAP}[1-9]${D}{1,2})${GAP}${D}{3,4}${GAP}${D}{4}${NO_DIGIT_AFTER}`]),
    mask: (m) => maskPhone(m[0]),
  },
  // A bare local number right after a word that says it is one (电话：87654321).
  { pattern: g([after('电话|手机|座机|固话|联系方式|号码|tel|Tel|TEL|phone|Phone'), `${D}(?:${GAP}${D}){6,7}${NO_DIGIT_AFTER}`]), mask: (m) => maskPhone(m[0]) },
  // QQ numbers and WeChat ids given as such (QQ：12345678, 微信号 zhang_san88).
  { pattern: g([after('(?:QQ|qq|Qq|扣扣)号?|企鹅号'), `[1-9](?:${GAP}${D}){4,11}${NO_DIGIT_AFTER}`]), mask: (m) => maskNumber(digitsOf(m[0]), 4) },
  { pattern: g([after('(?:微信|威信|薇信|V信|v信|VX|vx|Vx|WX|wx|WeChat|wechat)号?'), '[A-Za-z][-_A-Za-z0-9]{5,19}(?![-_A-Za-z0-9])']), mask: (m) => `${m[0][0]}***` },
  // Long numbers: utility account numbers, old 15-digit IDs, bank cards written without spaces.
  { pattern: g([`${NO_DIGIT_BEFORE}${D}{12,}${NO_DIGIT_AFTER}`]), mask: (m) => keepEnds(m[0], 0, 4) },
  // E-mail addresses.
  { pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g, mask: (m) => maskEmail(m[0]) },
  // Door numbers: the room after a building or unit (3栋2单元501, 5号楼1002), before 室 (501室), and 3-2-501.
  // The building and unit stay: a stairwell or a block is a place, the room is a household.
  { pattern: g([`(?<=(?:栋|幢|座|号楼|楼|单元|#)${GAP})${D}{3,4}${NO_DIGIT_AFTER}|${NO_DIGIT_BEFORE}${D}{3,4}(?=室)`]), mask: (m) => stars(m[0].length) },
  { pattern: g([`(?<=(?<![\\d-])${D}{1,3}-${D}{1,2}-)${D}{3,4}(?![\\d-])`]), mask: (m) => stars(m[0].length) },
  // A name after the word that introduces one (联系人张伟, 姓名：王小明, 我叫李娜, 我是王芳): the whole name,
  // and only where it ends (punctuation, a digit, the end, or 的/住/在/家/电话…), so 我是万科业主 stays.
  {
    pattern: g([after('姓名|联系人|我叫|我是|本人'), FULL_NAME, `(?=$|[^\\u4E00-\\u9FFF]|[的住在家电手联])`]),
    mask: (m) => stars(m[0].length),
  },
  // A name before a title: 李师傅 → *师傅, 欧阳老师 → **老师, and the full name alike (李建国师傅 → ***师傅).
  {
    pattern: new RegExp(`(${LEAD_WORDS})?((?:${SURNAMES})${GIVEN}{0,2})(?=${TITLES})`, 'g'),
    mask: (m) => (m[1] ?? '') + stars(m[2].length),
  },
];

/**
 * Free text (a description, a note) with every phone number (mobile, landline with area code, or a
 * bare number right after 电话/手机/…), ID number, long account or card number, e-mail address,
 * QQ number and WeChat id, door number, name before a title and name after 姓名/联系人/我叫/我是 masked; everything else is left
 * exactly as written.
 */
export function maskText(text: string): string {
  let scan = normalizeNumbers(text);
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

import { MATERIAL_FORM_LABELS, SOURCE_FIELD_LABELS, type MaterialForm } from './codes';
import { catalogDiff } from './diff';
import type { Material, Matter, Source } from './schema';

/**
 * A matter added in the console, from what an admin fills in (lines of text, one source, a review
 * date) to the catalog's shape. Pure and zod-free: the device builds it, the admin function checks
 * it with CatalogSchema when the draft is saved, and names the field that is wrong.
 */

export interface NewMatterForm {
  title: string;
  category: string;
  summary: string;
  /** One colloquial name per line; the title when none. */
  aliases: string;
  basis: string;
  /** One condition per line. */
  eligibility: string;
  /** One material per line: "居民户口簿 原件及复印件1份（视情况）——note" (see materialFromLine). */
  materials: string;
  /** One step per line. */
  steps: string;
  workingDays: number;
  where: string;
  fee: string;
  onTheSpot: boolean;
  doorstep: boolean;
  proxy: boolean;
  /** The document the rules come from: its title, and a 文号 or link. */
  source: { title: string; doc: string; article?: string };
  /** When the admin checked the matter against that source (YYYY-MM-DD). */
  reviewDate: string;
}

const lines = (s: string) => s.split('\n').map((l) => l.trim()).filter(Boolean);

/**
 * A new matter's code: people never type codes. Short, lowercase and free in the catalog (a code
 * doubles as the QR scene `m=<code>`).
 */
export function newMatterCode(taken: ReadonlySet<string>, now: number): string {
  for (let n = now; ; n++) {
    const code = `m-${n.toString(36)}`;
    if (!taken.has(code)) return code;
  }
}

/** The form words a line may end with (the formatter writes the label), each read back as its form. */
const FORM_WORDS: Record<string, MaterialForm> = {
  ...Object.fromEntries(Object.entries(MATERIAL_FORM_LABELS).map(([form, label]) => [label, form as MaterialForm])),
  原件和复印件: 'originalAndCopy',
};
const FORM_TAIL = new RegExp(`\\s(${Object.keys(FORM_WORDS).sort((a, b) => b.length - a.length).join('|')})(?:\\s*(\\d+)\\s*份)?$`);
/** What follows the material on its line: "居民身份证 原件——核验后当场退还". */
const NOTE_MARK = '——';

/**
 * "身份证 原件及复印件2份（视情况）——委托办理时提供" → a material. A line ending in a form word
 * (as materialLine writes it) reads exactly; free typing reads the form and copies from the words.
 */
export function materialFromLine(line: string): Material {
  const at = line.indexOf(NOTE_MARK);
  const note = at < 0 ? '' : line.slice(at + NOTE_MARK.length).trim();
  let rest = (at < 0 ? line : line.slice(0, at)).trim();
  const optional = /[（(]视情况[)）]/.test(rest);
  rest = rest.replace(/[（(]视情况[)）]/g, '').trim();
  const tail = FORM_TAIL.exec(rest);
  let name: string;
  let form: MaterialForm;
  let copies: number;
  if (tail) {
    name = rest.slice(0, tail.index).trim();
    form = FORM_WORDS[tail[1]];
    copies = Number(tail[2] ?? 0);
  } else {
    copies = Number(/(\d+)\s*份/.exec(rest)?.[1] ?? 0);
    rest = rest.replace(/\d+\s*份/, '').trim();
    form = /原件及复印件|原件和复印件/.test(rest) ? 'originalAndCopy' : /复印件/.test(rest) ? 'copy' : /电子/.test(rest) ? 'electronic' : /表$|表格/.test(rest) ? 'form' : 'original';
    name = rest.replace(/原件及复印件|原件和复印件|复印件|原件/g, '').trim() || rest;
  }
  return {
    name,
    form,
    copies: form === 'copy' || form === 'originalAndCopy' ? Math.max(copies, 1) : copies,
    required: !optional,
    ...(note && { note }),
  };
}

/** A material as the line materialFromLine reads back to the same material (the editor's text). */
export function materialLine(m: Material): string {
  return `${m.name} ${MATERIAL_FORM_LABELS[m.form]}${m.copies ? `${m.copies}份` : ''}${m.required ? '' : '（视情况）'}${m.note ? `${NOTE_MARK}${m.note}` : ''}`;
}

/** One material per line, blank lines skipped. */
export const materialsFromText = (text: string): Material[] => lines(text).map(materialFromLine);

/** The materials as the editor shows them: materialsFromText(materialsText(ms)) equals ms. */
export const materialsText = (materials: readonly Material[]): string => materials.map(materialLine).join('\n');

/** YYYY-MM-DD one year on (the next review). */
export function nextYear(date: string): string {
  const [y, m, d] = date.split('-');
  return `${Number(y) + 1}-${m}-${m === '02' && d === '29' ? '28' : d}`;
}

/** The matter to add; every filled field gets the form's source (the publish rule: each field traced). */
export function buildNewMatter(form: NewMatterForm, code: string): Matter {
  const title = form.title.trim();
  const aliases = lines(form.aliases);
  const matter: Matter = {
    code,
    title,
    category: form.category,
    summary: form.summary.trim(),
    aliases: aliases.length ? aliases : [title],
    basis: form.basis.trim(),
    sources: [],
    review: { reviewedAt: form.reviewDate, nextReviewDue: nextYear(form.reviewDate), status: 'reviewed', unverified: [] },
    eligibility: lines(form.eligibility),
    materials: materialsFromText(form.materials),
    steps: lines(form.steps),
    timeLimit: { workingDays: form.workingDays },
    where: form.where.trim(),
    online: [],
    fee: form.fee.trim(),
    onTheSpot: form.onTheSpot,
    doorstep: form.doorstep,
    proxy: form.proxy,
    related: [],
    tips: [],
  };
  const doc = form.source.doc.trim();
  const source: Source = {
    title: form.source.title.trim().replace(/[《》]/g, ''),
    ...(/^https?:\/\//.test(doc) ? { url: doc } : { docNo: doc }),
    ...(form.source.article?.trim() && { article: form.source.article.trim() }),
    retrievedAt: form.reviewDate,
  };
  const filled = catalogDiff({ matters: [] }, { matters: [matter] }).map((c) => c.field);
  return { ...matter, sources: filled.map((field) => ({ ...source, field })) };
}

/** Matter fields as the console names them (the source fields' labels and the rest). */
const MATTER_FIELD_LABELS: Record<string, string> = {
  ...SOURCE_FIELD_LABELS,
  code: '事项编码',
  title: '事项名称',
  category: '分类',
  aliases: '别名',
  sources: '来源',
  review: '核对日期',
  onTheSpot: '即办件',
  doorstep: '上门帮办',
  proxy: '代办',
  related: '关联事项',
  backOffice: '承办单位',
};

/**
 * A refusal's field path (`data.catalog.matters.3.steps`) as the admin reads it: 「事项名称」的办理流程.
 * Paths outside a matter keep their path.
 */
export function catalogFieldLabel(field: string, matters: readonly Pick<Matter, 'title'>[]): string {
  const m = /(?:^|\.)catalog\.matters\.(\d+)(?:\.([A-Za-z]+))?/.exec(field);
  if (!m) return /(?:^|\.)catalog\.version$/.test(field) ? '版本号' : field;
  const title = matters[Number(m[1])]?.title;
  const label = m[2] ? MATTER_FIELD_LABELS[m[2]] ?? m[2] : '';
  return `${title ? `「${title}」` : `第${Number(m[1]) + 1}个事项`}${label ? `的${label}` : ''}`;
}

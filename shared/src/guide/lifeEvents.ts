import type { Catalog, LifeEvent, Material, Matter } from '../catalog/schema';

/**
 * 高效办成一件事: a life event's matters in order, with one merged material list — each
 * document once, saying which matters need it — so a resident brings one bundle to one visit.
 */

export interface MergedMaterial {
  /** The document, without whose it is (申领人居民身份证 → 居民身份证). */
  name: string;
  form: Material['form'];
  /** Copies to bring for all the matters together (each keeps its copy). */
  copies: number;
  /** Needed by at least one matter (otherwise only in some situations). */
  required: boolean;
  /** The matters that ask for it, in the event's order, with their own wording. */
  for: { code: string; title: string; name: string; required: boolean; note?: string }[];
}

export interface LifeEventPlan {
  code: string;
  title: string;
  summary: string;
  matters: Pick<Matter, 'code' | 'title' | 'where' | 'onTheSpot' | 'doorstep' | 'timeLimit'>[];
  materials: MergedMaterial[];
}

/** Whose document it is: dropped to see that 申领人居民身份证 and 居民身份证 are the same paper. */
const OWNER = /^(?:(?:本人|申请人|申领人|查询人|死者|父母双方|父亲或母亲|夫妻双方|父母|新生儿|婴幼儿|落户方|单位出具)(?:或|、)?)+的?/;
/** Papers known by two names. */
const SAME_PAPER: Record<string, string> = { 居民户口簿: '户口簿', 社保卡: '社会保障卡' };
/** Papers a material may list together (居民身份证、户口簿): each is brought once. */
const COMMON_PAPERS = new Set(['居民身份证', '户口簿', '结婚证', '出生医学证明', '居住证', '社会保障卡', '银行卡']);

export function documentKey(name: string): string {
  const key = name.replace(/（[^）]*）|\([^)]*\)/g, '').replace(OWNER, '').trim();
  return SAME_PAPER[key] ?? key;
}

/** The papers one material names: 居民身份证、户口簿 is two of them. */
function papersOf(name: string): string[] {
  const key = documentKey(name);
  const parts = key.split('、').map((p) => SAME_PAPER[p] ?? p);
  return parts.length > 1 && parts.every((p) => COMMON_PAPERS.has(p)) ? parts : [key];
}

/** original + copy needs both; the strongest form any matter asks for wins. */
function mergeForm(a: Material['form'], b: Material['form']): Material['form'] {
  if (a === b) return a;
  const set = new Set([a, b]);
  if (set.has('form')) return a === 'form' ? b : a;
  if (set.has('electronic')) return a === 'electronic' ? b : a;
  return 'originalAndCopy';
}

export function lifeEventPlan(catalog: Pick<Catalog, 'matters' | 'lifeEvents'>, code: string): LifeEventPlan | null {
  const event: LifeEvent | undefined = catalog.lifeEvents?.find((e) => e.code === code);
  if (!event) return null;
  const byCode = new Map(catalog.matters.map((m) => [m.code, m]));
  const matters = event.matters.map((c) => byCode.get(c)).filter((m): m is Matter => !!m);
  const merged = new Map<string, MergedMaterial>();
  const keys = matters.flatMap((m) => m.materials.flatMap((x) => papersOf(x.name)));
  for (const m of matters) {
    for (const x of m.materials) for (let key of papersOf(x.name)) {
      // 居民身份证或社会保障卡 is met by the 居民身份证 another matter asks for: one paper, listed once.
      const alternatives = key.split('或');
      if (alternatives.length > 1) key = alternatives.find((a) => keys.includes(a)) ?? key;
      const entry = merged.get(key);
      const use = { code: m.code, title: m.title, name: x.name, required: x.required, ...(x.note && { note: x.note }) };
      if (!entry) merged.set(key, { name: key, form: x.form, copies: x.copies, required: x.required, for: [use] });
      else {
        entry.form = mergeForm(entry.form, x.form);
        entry.copies += x.copies;
        entry.required ||= x.required;
        if (!entry.for.some((f) => f.code === m.code)) entry.for.push(use);
      }
    }
  }
  return {
    code: event.code,
    title: event.title,
    summary: event.summary,
    matters: matters.map(({ code, title, where, onTheSpot, doorstep, timeLimit }) => ({ code, title, where, onTheSpot, doorstep, timeLimit })),
    // Required papers first, then by how many matters share them.
    materials: [...merged.values()].sort((a, b) => Number(b.required) - Number(a.required) || b.for.length - a.for.length),
  };
}

import { applyLocalRules, type LocalRule } from '@qgt/shared/catalog/local';
import type { Matter } from '@qgt/shared/catalog/schema';
import type { Store } from '../store/port';
import { metaDocs } from './published';
import { bumpCommunityVersion, loadCommunity } from '../community/store';

/**
 * 本地规定 as the deployment files bring them: one `meta` document per 街道. The catalog is shared
 * by every 街道 of an environment; its local rules are applied when a matter is read.
 */
export interface LocalRulesDoc {
  _id: string;
  kind: 'localRules';
  subdistrict: string;
  rules: LocalRule[];
  updatedAt: string;
}

const idOf = (subdistrict: string) => `localRules:${subdistrict}`;

export async function saveLocalRules(store: Store, subdistrict: string, rules: readonly LocalRule[], now: Date): Promise<void> {
  const doc: LocalRulesDoc = { _id: idOf(subdistrict), kind: 'localRules', subdistrict, rules: [...rules], updatedAt: now.toISOString() };
  await metaDocs(store, 'localRules').put(doc);
  // The rules are cached by the community version (below): moved after the write, as other community data.
  await bumpCommunityVersion(store);
}

interface LoadedRules {
  version: number;
  docs: LocalRulesDoc[];
  /** Of the rules' content: the device's cached matters are current while it holds. */
  hash: string;
  /** The rules that hold everywhere this environment serves, worked out once per version. */
  everywhere?: LocalRule[];
}

// Read on the guide's hottest path (every guide.get): kept per store and community version.
const cache = new WeakMap<Store, LoadedRules>();

/** FNV-1a (32 bit) as 8 hex digits: a change detector, not a security check. */
export function contentHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

async function loadRules(store: Store, version: number): Promise<LoadedRules> {
  const cached = cache.get(store);
  if (cached && cached.version === version) return cached;
  const docs = await metaDocs(store, 'localRules').find({ kind: 'localRules' }, { limit: 1000 });
  const content = [...docs].sort((a, b) => a.subdistrict.localeCompare(b.subdistrict)).map((d) => [d.subdistrict, d.rules]);
  const loaded: LoadedRules = { version, docs, hash: contentHash(JSON.stringify(content)) };
  cache.set(store, loaded);
  return loaded;
}

/** The version of what guide.get answers: the catalog's and the local rules' together. */
export async function detailsVersion(store: Store, catalogVersion: string): Promise<string> {
  const { hash } = await loadRules(store, (await loadCommunity(store)).version);
  return `${catalogVersion}-${hash}`;
}

/**
 * The rules that hold where the reader is: a named 街道's own (all levels); with none named, the
 * only 街道's, or in an environment of several, the province/city/county rules every one of them
 * carries alike — what holds wherever we serve, never one 街道's rule shown to another's residents.
 */
export async function localRulesFor(store: Store, subdistrict?: string): Promise<LocalRule[]> {
  const community = await loadCommunity(store);
  const loaded = await loadRules(store, community.version);
  const { docs } = loaded;
  if (subdistrict) {
    const doc = docs.find((d) => d.subdistrict === subdistrict);
    if (doc) return doc.rules;
    // A 街道 without a rules document (seeded before local rules existed) has none of its own.
    return [];
  }
  // Counted from the community model, not the rules documents: a 街道 seeded before local rules
  // existed has no document, and then has none in common with the others.
  loaded.everywhere ??= rulesEverywhere(community.subdistricts, docs);
  return loaded.everywhere;
}

function rulesEverywhere(streets: readonly { code: string }[], docs: readonly LocalRulesDoc[]): LocalRule[] {
  const rulesOf = (code: string) => docs.find((d) => d.subdistrict === code)?.rules ?? [];
  if (streets.length <= 1) return streets[0] ? rulesOf(streets[0].code) : [];
  const key = (r: LocalRule) => JSON.stringify(r);
  const everywhere = streets.map((s) => new Set(rulesOf(s.code).filter((r) => r.level !== 'subdistrict').map(key)));
  return rulesOf(streets[0].code).filter((r) => r.level !== 'subdistrict' && everywhere.every((s) => s.has(key(r))));
}

/** The matter as it holds for the reader, with its 本地 marks. */
export async function localMatter<M extends Matter>(store: Store, matter: M, subdistrict?: string) {
  return applyLocalRules(matter, await localRulesFor(store, subdistrict));
}

/** Seeding: a rule must name a matter of the published catalog (else the file's error names it). */
export function unknownMatters(rules: readonly LocalRule[], known: ReadonlySet<string>): string[] {
  return rules.map((r, i) => (known.has(r.matter) ? null : `localRules[${i}].matter: 目录中没有事项 ${r.matter}`)).filter((x): x is string => x !== null);
}

/** This area's `meta` purpose, typed by name (see MetaDocs in lib/store/port). */
declare module '../store/port' {
  interface MetaDocs {
    localRules: LocalRulesDoc;
  }
}

import fs from 'node:fs';
import path from 'node:path';
import type { Store } from '../../cloudfunctions/lib/store/port';
import { MAX_LIMIT } from '../../cloudfunctions/lib/store/port';

/**
 * What the store holds, cheaply: the embedded store appends a line to a collection's datafile on
 * every write before the write resolves, so unchanged datafile sizes mean nothing was written.
 * Only when a size moved are the collections read back through the store (by name from the
 * datafiles) into a map `<collection>/<_id>` → canonical JSON, to tell a real change from a write
 * that put back what was there.
 */

export type Contents = Map<string, string>;

export interface StoreWatch {
  /** What changed since the last call (null: nothing), and the stored documents that changed. */
  changes(): Promise<{ changed: string[]; docs: unknown[] } | null>;
}

/** JSON with object keys sorted, so equal documents compare equal whatever order their fields were set in. */
export function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
    .join(',')}}`;
}

function sizes(dir: string): string {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.db'))
    .sort()
    .map((f) => `${f}:${fs.statSync(path.join(dir, f)).size}`)
    .join(' ');
}

async function contents(store: Store, dir: string): Promise<Contents> {
  const out: Contents = new Map();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.db'))) {
    const name = file.slice(0, -3);
    const coll = store.collection<{ _id: string }>(name);
    for (let skip = 0; ; skip += MAX_LIMIT) {
      const page = await coll.find({}, { sort: { _id: 1 }, skip, limit: MAX_LIMIT });
      for (const doc of page) out.set(`${name}/${doc._id}`, canonical(doc));
      if (page.length < MAX_LIMIT) break;
    }
  }
  return out;
}

export async function watchStore(store: Store, dir: string): Promise<StoreWatch> {
  let lastSizes = sizes(dir);
  let last = await contents(store, dir);
  return {
    async changes() {
      const now = sizes(dir);
      if (now === lastSizes) return null;
      lastSizes = now;
      const next = await contents(store, dir);
      const changed = [...new Set([...last.keys(), ...next.keys()])].filter((k) => last.get(k) !== next.get(k));
      const docs = changed.flatMap((k) => (next.has(k) ? [JSON.parse(next.get(k)!)] : []));
      last = next;
      return changed.length ? { changed, docs } : null;
    },
  };
}

/** Keys no stored document may carry: query/update operators and prototype keys. */
export function hostileKeys(v: unknown, at = ''): string[] {
  if (v === null || typeof v !== 'object') return [];
  if (Array.isArray(v)) return v.flatMap((x, i) => hostileKeys(x, `${at}.${i}`));
  return Object.keys(v).flatMap((k) => [
    ...(k.startsWith('$') || k === '__proto__' || k === 'constructor' || k === 'prototype' ? [`${at}.${k}`] : []),
    ...hostileKeys((v as Record<string, unknown>)[k], `${at}.${k}`),
  ]);
}

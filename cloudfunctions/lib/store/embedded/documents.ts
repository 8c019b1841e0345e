import type { Update } from '../port';

/**
 * What the embedded store does to documents: copy them, apply the port's update operators, order
 * them. Documents are JSON values plus Dates; the ordering and the update rules are NeDB's, whose
 * datafiles the store keeps (and whose rules the store contract was written against).
 */

export type Plain = Record<string, unknown>;

/** A deep copy of a stored value (objects, arrays, Dates; everything else is immutable). */
export function copyValue<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Array.isArray(value)) return value.map(copyValue) as T;
  const out: Plain = {};
  for (const key in value) if (Object.prototype.hasOwnProperty.call(value, key)) out[key] = copyValue((value as Plain)[key]);
  return out as T;
}

/**
 * A deep copy of a value about to be stored, as the datafile will give it back: undefined fields
 * and values JSON cannot hold (functions …) are dropped, undefined array elements and non-finite
 * numbers become null. Refuses field names starting with `$` (the file's own markers) or
 * containing `.` (dot paths).
 */
export function storable<T>(value: T, where = 'document'): T {
  if (!isStorable(value)) return undefined as T;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return (Number.isFinite(value) ? value : null) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Array.isArray(value)) return value.map((v, i) => (isStorable(v) ? storable(v, `${where}[${i}]`) : null)) as T;
  const out: Plain = {};
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    const v = (value as Plain)[key];
    if (!isStorable(v)) continue;
    if (key.startsWith('$') || key.includes('.')) throw new Error(`${where}: field name ${JSON.stringify(key)} cannot start with $ or contain a dot`);
    out[key] = storable(v, key);
  }
  return out as T;
}

const isStorable = (v: unknown) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol' && typeof v !== 'bigint';

/** The object holding the last part of `path` in `doc`, created on the way unless `create` is false. */
function parentOf(doc: Plain, parts: string[], create: boolean): Plain | undefined {
  let obj = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    let next = obj[parts[i]];
    if (next === undefined) {
      if (!create) return undefined;
      obj[parts[i]] = next = {};
    }
    if (next === null || typeof next !== 'object' || Array.isArray(next) || next instanceof Date) {
      if (!create) return undefined;
      throw new Error(`cannot reach ${parts.join('.')}: ${parts.slice(0, i + 1).join('.')} is not an object`);
    }
    obj = next as Plain;
  }
  return obj;
}

/**
 * `doc` with `update` applied, as a new document (the stored one is never changed in place, so a
 * snapshot of the stored documents stays consistent). `$set` replaces whole values and creates the
 * objects of a dot path; `$inc` creates a missing number; `$push` appends one element, creating the
 * array; `$unset` removes, also on a dot path. Throws, changing nothing, on what NeDB refuses.
 */
export function applyUpdate<T extends Plain>(doc: T, update: Update): T {
  const next = copyValue(doc) as Plain;
  for (const [path, value] of Object.entries(update.$set ?? {})) {
    const parts = path.split('.');
    const parent = parentOf(next, parts, true)!;
    const stored = storable(value, path);
    if (stored === undefined) delete parent[parts[parts.length - 1]];
    else parent[parts[parts.length - 1]] = stored;
  }
  for (const [path, by] of Object.entries(update.$inc ?? {})) {
    if (typeof by !== 'number' || !Number.isFinite(by)) throw new Error(`$inc of ${path} needs a number`);
    const parts = path.split('.');
    const parent = parentOf(next, parts, true)!;
    const last = parts[parts.length - 1];
    const current = parent[last];
    if (current !== undefined && typeof current !== 'number') throw new Error(`$inc of ${path}: not a number`);
    parent[last] = (current ?? 0) + by;
  }
  for (const [path, value] of Object.entries(update.$push ?? {})) {
    const parts = path.split('.');
    const parent = parentOf(next, parts, true)!;
    const last = parts[parts.length - 1];
    const current = parent[last] ?? [];
    if (!Array.isArray(current)) throw new Error(`$push to ${path}: not an array`);
    parent[last] = [...current, storable(value, path) ?? null];
  }
  for (const path of Object.keys(update.$unset ?? {})) {
    const parts = path.split('.');
    const parent = parentOf(next, parts, false);
    if (parent) delete parent[parts[parts.length - 1]];
  }
  if (next._id !== doc._id) throw new Error('an update cannot change _id');
  return next as T;
}

const order = (a: number | string | boolean, b: number | string | boolean) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * NeDB's total order of values (`compareThings`): undefined < null < numbers < strings <
 * booleans < dates < arrays (element by element) < objects (by sorted keys' values, then size).
 */
export function compareValues(a: unknown, b: unknown): number {
  if (a === undefined) return b === undefined ? 0 : -1;
  if (b === undefined) return 1;
  if (a === null) return b === null ? 0 : -1;
  if (b === null) return 1;
  if (typeof a === 'number') return typeof b === 'number' ? order(a, b) : -1;
  if (typeof b === 'number') return 1;
  if (typeof a === 'string') return typeof b === 'string' ? order(a, b) : -1;
  if (typeof b === 'string') return 1;
  if (typeof a === 'boolean') return typeof b === 'boolean' ? order(a, b) : -1;
  if (typeof b === 'boolean') return 1;
  if (a instanceof Date) return b instanceof Date ? order(a.getTime(), b.getTime()) : -1;
  if (b instanceof Date) return 1;
  if (Array.isArray(a)) {
    if (!Array.isArray(b)) return -1;
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compareValues(a[i], b[i]);
      if (c !== 0) return c;
    }
    return order(a.length, b.length);
  }
  if (Array.isArray(b)) return 1;
  const ak = Object.keys(a as Plain).sort();
  const bk = Object.keys(b as Plain).sort();
  for (let i = 0; i < Math.min(ak.length, bk.length); i++) {
    const c = compareValues((a as Plain)[ak[i]], (b as Plain)[bk[i]]);
    if (c !== 0) return c;
  }
  return order(ak.length, bk.length);
}

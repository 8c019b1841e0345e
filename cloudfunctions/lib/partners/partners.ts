import { createHash, randomBytes } from 'node:crypto';
import type * as z from 'zod/mini';
import { AppError } from '@qgt/shared/errors';
import type { ConsoleInput, ConsoleOutput } from '@qgt/shared/admin/api';
import type { Store } from '../store/port';
import type { Context } from '../runtime/context';
import type { AdminScope } from '../runtime/caller';

/**
 * Open311 partners: outside systems (a city platform, the 12345 hotline) that push work orders
 * down with `POST /open311/v2/requests.json`. Each holds one API key; only its SHA-256 is stored
 * (a key is 32 random bytes, so a plain hash is enough: there is nothing to guess), and the key
 * itself is shown once, when it is issued. Issuing again for the same code replaces the key.
 */
export const PARTNERS = 'partners';

export interface PartnerDoc {
  _id: string;
  name: string;
  keyHash: string;
  /** The 街道 whose requests the key may file (keys issued before 街道 were told apart: none). */
  subdistrict?: string;
  /** When the current key was issued, and by whom. */
  issuedAt: string;
  issuedBy: string;
  createdAt: string;
}

/** What a request keeps of the partner that filed it. */
export interface PartnerRef {
  code: string;
  name: string;
  /** The partner's own number for the work order (工单号), to match our status back. */
  ref?: string;
  /** Whom to call back, as the partner gave it (staff only; never in the public feed). */
  contact?: { name?: string; phone?: string; email?: string };
}

/** The owner recorded on a partner's requests: no OPENID has a colon, so nobody signs in as it. */
export const partnerOwner = (code: string) => `partner:${code}`;

const hash = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

/** A new key: `qgt_` + the code + 43 characters of randomness (the code says whose it is in logs of the partner). */
const newKey = (code: string) => `qgt_${code}_${randomBytes(32).toString('base64url')}`;

export async function issuePartnerKey(store: Store, input: { code: string; name: string; subdistrict: string }, by: string, now: Date): Promise<{ code: string; name: string; subdistrict: string; apiKey: string }> {
  const coll = store.collection(PARTNERS);
  const existing = await coll.get(input.code);
  const apiKey = newKey(input.code);
  const at = now.toISOString();
  await coll.put({ _id: input.code, name: input.name, subdistrict: input.subdistrict, keyHash: hash(apiKey), issuedAt: at, issuedBy: by, createdAt: existing?.createdAt ?? at });
  return { code: input.code, name: input.name, subdistrict: input.subdistrict, apiKey };
}

/** The 街道 a key is issued for: the one named (it must be one the admin runs), else the only one they run. */
function keySubdistrict(admin: AdminScope, named: string | undefined): string {
  if (named !== undefined) {
    if (!admin.subdistricts.includes(named)) throw new AppError('FORBIDDEN', `无权为该街道签发密钥：${named}`, { field: 'data.subdistrict' });
    return named;
  }
  if (admin.subdistricts.length !== 1) throw new AppError('BAD_REQUEST', '请选择密钥所属的街道', { field: 'data.subdistrict' });
  return admin.subdistricts[0];
}

/** The partner holding this key, or null. Reads only: a wrong key leaves nothing behind. */
export async function partnerByKey(store: Store, key: unknown): Promise<PartnerDoc | null> {
  if (typeof key !== 'string' || key.length < 20 || key.length > 200) return null;
  const [found] = await store.collection(PARTNERS).find({ keyHash: hash(key) }, { limit: 1 });
  return found ?? null;
}

/** `admin.partners.upsert`: a 街道 admin issues (or replaces) a partner's key for their 街道. */
export async function upsertPartner(ctx: Context, admin: AdminScope, input: z.output<(typeof ConsoleInput)['partners.upsert']>): Promise<ConsoleOutput['partners.upsert']> {
  // A partner files into every community of the 街道: only its admins may let one in.
  if (admin.level === 'community') throw new AppError('FORBIDDEN', '只有街道管理员可以管理对接平台的密钥', { field: 'data.code' });
  const subdistrict = keySubdistrict(admin, input.subdistrict);
  // A key files into one 街道 only: another 街道's partner code is not theirs to rotate or take over.
  const existing = await ctx.store.collection(PARTNERS).get(input.code);
  if (existing?.subdistrict && !admin.subdistricts.includes(existing.subdistrict)) throw new AppError('FORBIDDEN', `合作方编码已由其他街道使用：${input.code}`, { field: 'data.code' });
  const issued = await issuePartnerKey(ctx.store, { code: input.code, name: input.name, subdistrict }, admin.openid, ctx.now);
  ctx.log.info({ partner: input.code, by: admin.openid }, 'partner key issued');
  return issued;
}

/** This area's collections, typed by name (see CollectionDocs in lib/store/port). */
declare module '../store/port' {
  interface CollectionDocs {
    partners: PartnerDoc;
  }
}

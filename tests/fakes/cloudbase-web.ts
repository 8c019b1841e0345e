/**
 * The part of the fake CloudBase a web page talks to through @cloudbase/js-sdk 2.x (the H5 console
 * on static hosting), shapes from the SDK's source (oauth: `POST /auth/v1/signin/custom`
 * `{provider_id: 'custom', ticket}` and `/auth/v1/signin/anonymously`, answered with a token;
 * functions: `POST /web` `{action: 'functions.invokeFunction', function_name, request_data}` with
 * the token, answered `{data: {response_data}}`).
 *
 * As strict as the service where our code meets it: a custom-login ticket is accepted only when
 * it is `<private_key_id>/@@/<RS256 JWT>` signed with the environment's custom-login key (the key
 * id known, the signature checked with its public half), names this environment and has not
 * expired; the function then runs with TCB_CUSTOM_USER_ID = the ticket's uid, as SCF sets it.
 */
import crypto, { type KeyObject } from 'node:crypto';

type Json = Record<string, unknown>;
type FunctionMain = (event: unknown, context: unknown) => Promise<unknown>;

export interface FakeCloudbaseWeb {
  env: string;
  /** The environment's custom-login keys: private_key_id → public key. */
  customLoginKeys: Map<string, KeyObject>;
  /** The deployed functions a page may call. */
  functions: Map<string, FunctionMain>;
  /** Who each function call ran as (what SCF put in its context). */
  invocations: { name: string; customUserId?: string; uuid: string }[];
  now: () => number;
}

export function createCloudbaseWeb(env = 'test-env'): FakeCloudbaseWeb {
  return { env, customLoginKeys: new Map(), functions: new Map(), invocations: [], now: () => Date.now() };
}

const sessions = new Map<string, { uid?: string; uuid: string }>();

function refuse(status: number, error: string, description: string) {
  return { status, body: { error, error_code: status, error_description: description } };
}

function issue(uid: string | undefined) {
  const access = crypto.randomBytes(16).toString('hex');
  const uuid = uid ? `custom-${uid}` : `anon-${crypto.randomBytes(4).toString('hex')}`;
  sessions.set(access, { uid, uuid });
  return { status: 200, body: { token_type: 'Bearer', access_token: access, refresh_token: `r-${access}`, expires_in: 7200, sub: uuid, scope: uid ? 'user' : 'anonymous' } };
}

/** The uid of a valid custom-login ticket, or why it is refused. */
export function verifyTicket(web: FakeCloudbaseWeb, ticket: unknown): { uid: string } | { refused: string } {
  if (typeof ticket !== 'string') return { refused: 'ticket missing' };
  const [kid, jwt, extra] = ticket.split('/@@/');
  const key = web.customLoginKeys.get(kid);
  if (!key || !jwt || extra !== undefined) return { refused: 'unknown private_key_id' };
  const [header, payload, signature, rest] = jwt.split('.');
  if (!header || !payload || !signature || rest !== undefined) return { refused: 'malformed ticket' };
  let head: Json;
  let claims: Json;
  try {
    head = JSON.parse(Buffer.from(header, 'base64url').toString()) as Json;
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Json;
  } catch {
    return { refused: 'malformed ticket' };
  }
  if (head.alg !== 'RS256') return { refused: 'ticket not RS256' };
  if (!crypto.verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url'))) return { refused: 'bad signature' };
  if (claims.env !== web.env) return { refused: 'ticket of another environment' };
  if (typeof claims.expire !== 'number' || claims.expire <= web.now()) return { refused: 'ticket expired' };
  if (typeof claims.uid !== 'string' || !claims.uid) return { refused: 'ticket without uid' };
  return { uid: claims.uid };
}

function tokenOf(headers: Record<string, string | string[] | undefined>, body: Json): string {
  const auth = String(headers.authorization ?? '');
  return auth.startsWith('Bearer ') ? auth.slice(7) : String(body.access_token ?? '');
}

/** Answers a web-SDK request, or undefined when the path is not one of these. */
export async function answerWeb(web: FakeCloudbaseWeb, pathname: string, headers: Record<string, string | string[] | undefined>, raw: Buffer): Promise<{ status: number; body: Json } | undefined> {
  const known = pathname === '/auth/v1/signin/custom' || pathname === '/auth/v1/signin/anonymously' || pathname === '/web';
  if (!known) return undefined;
  let body: Json;
  try {
    body = raw.length ? (JSON.parse(raw.toString()) as Json) : {};
  } catch {
    return refuse(400, 'invalid_argument', 'body is not JSON');
  }
  if (pathname === '/auth/v1/signin/anonymously') return issue(undefined);
  if (pathname === '/auth/v1/signin/custom') {
    if (body.provider_id !== 'custom') return refuse(400, 'invalid_argument', 'provider_id must be custom');
    const checked = verifyTicket(web, body.ticket);
    return 'refused' in checked ? refuse(400, 'invalid_argument', checked.refused) : issue(checked.uid);
  }
  // POST /web: a function call with a token the sign-in issued.
  if (body.action !== 'functions.invokeFunction') return { status: 200, body: { code: 'INVALID_ACTION', message: `unknown action ${String(body.action)}` } };
  const session = sessions.get(tokenOf(headers, body));
  if (!session) return { status: 200, body: { code: 'INVALID_ACCESS_TOKEN', message: 'access token invalid or expired' } };
  const name = String(body.function_name ?? '');
  const main = web.functions.get(name);
  if (!main) return { status: 200, body: { code: 'FUNCTION_NOT_FOUND', message: `function ${name} not found` } };
  const event = typeof body.request_data === 'string' ? JSON.parse(body.request_data || '{}') : (body.request_data ?? {});
  web.invocations.push({ name, uuid: session.uuid, ...(session.uid && { customUserId: session.uid }) });
  // SCF's context of a web caller: no WX_OPENID; the custom-login uid as TCB_CUSTOM_USER_ID.
  const context = { request_id: crypto.randomUUID(), environment: JSON.stringify({ TCB_UUID: session.uuid, ...(session.uid && { TCB_CUSTOM_USER_ID: session.uid }) }) };
  const result = await main(event, context);
  return { status: 200, body: { requestId: context.request_id, data: { response_data: JSON.stringify(result) } } };
}

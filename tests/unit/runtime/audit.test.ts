import fs from 'node:fs';
import path from 'node:path';
import { FUNCTIONS } from '../../../cloudfunctions/functions';
import { redact, REDACTED } from '../../../cloudfunctions/lib/runtime/redact';
import { ROOT, sourceFiles } from '../../deploy/sources';

/**
 * Writes that are not in the audit trail, each with the reason: a resident's own doings (not a
 * staff action), the system's minute tick, and what changes nothing but a QR image.
 */
const NOT_AUDITED: Record<string, string> = {
  'requests.follow': "a resident's own 我也遇到",
  'requests.rate': "a resident's own rating",
  'requests.urge': "a resident's own 催办",
  'guide.qr': 'renders an image; changes nothing',
  'account.subscribed': "a person's own subscribe-message grants",
  'account.messages.read': "a person's own read mark on their messages",
  'account.invite.get': 'reads an invitation; its write budget only slows the guessing of codes',
  'timer.tick': 'the system every minute (an admin may run it by hand; it only does what is due)',
};

describe('the audit trail is declared on every change', () => {
  const writes = Object.entries(FUNCTIONS).flatMap(([fn, table]) =>
    Object.entries(table)
      .filter(([, act]) => act.rate != null)
      .map(([name, act]) => ({ key: `${fn}.${name}`, audited: !!act.audit })),
  );

  it('every action that spends a write budget declares audit, or says here why not', () => {
    expect(writes.length).toBeGreaterThan(20);
    const missing = writes.filter((w) => !w.audited && !(w.key in NOT_AUDITED)).map((w) => w.key);
    expect(missing).toEqual([]);
  });

  it('the exceptions are real actions that really are unaudited', () => {
    for (const key of Object.keys(NOT_AUDITED)) {
      const [fn, ...rest] = key.split('.');
      const act = FUNCTIONS[fn]?.[rest.join('.')];
      expect(act).toBeDefined();
      expect(act!.audit).toBeUndefined();
    }
  });
});

describe('the audit trail is append-only', () => {
  const files = sourceFiles().map((f) => ({ f, text: fs.readFileSync(path.join(ROOT, f), 'utf8') }));

  it('only lib/audit/audit.ts names the collection', () => {
    const naming = files.filter(({ text }) => /\bAUDIT\b(?!_)|collection(<[^>]*>)?\(\s*['"]audit['"]/.test(text)).map(({ f }) => f);
    expect(naming).toEqual([path.join('cloudfunctions', 'lib', 'audit', 'audit.ts')]);
  });

  it('which only inserts and reads', () => {
    const text = files.find(({ f }) => f.endsWith(path.join('lib', 'audit', 'audit.ts')))!.text;
    const ops = [...text.matchAll(/collection(?:<AuditDoc>)?\(AUDIT\)\.(\w+)\(/g)].map((m) => m[1]);
    expect(new Set(ops)).toEqual(new Set(['insert', 'find']));
  });
});

describe('log redaction of credentials', () => {
  it('drops tokens, secrets and codes by field name, at any depth, keeping the rest', () => {
    const line = {
      headers: { authorization: 'Bearer abcdefghijklmnopqrstuvwxyz', cookie: 'a=b' },
      data: { code: 'matter-code-stays', js_code: '081abc', token: 't0k3n', session_key: 'k', secret: 's', session: '0123' },
      msg: '电话 13812345678',
    };
    expect(redact(line)).toEqual({
      headers: { authorization: REDACTED, cookie: REDACTED },
      data: { code: 'matter-code-stays', js_code: REDACTED, token: REDACTED, session_key: REDACTED, secret: REDACTED, session: REDACTED },
      msg: '电话 138****5678',
    });
  });
});

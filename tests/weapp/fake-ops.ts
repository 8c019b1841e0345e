import type { CloudHandler } from './harness';

/**
 * Canned answers for the desk / visits / admin.metrics / admin.followups actions, layered over
 * another handler: `routes['desk.walkin'] = (data) => …` answers that action, everything else
 * falls through. Records every call it answers; a route that throws answers with its code.
 */
export class FakeOps {
  readonly calls: { key: string; data: Record<string, unknown> }[] = [];
  constructor(readonly routes: Record<string, (data: Record<string, unknown>) => unknown>) {}

  callsOf(key: string) {
    return this.calls.filter((c) => c.key === key);
  }

  handler(next: CloudHandler): CloudHandler {
    return async (name, event) => {
      const key = `${name}.${event.action}`;
      const route = this.routes[key];
      if (!route) return next(name, event);
      const data = (event.data ?? {}) as Record<string, unknown>;
      this.calls.push({ key, data });
      try {
        return { ok: true, data: await route(data) };
      } catch (e) {
        const err = e as { code?: string; message?: string };
        return { ok: false, error: { code: err.code ?? 'INTERNAL', message: err.message ?? '出错了' } };
      }
    };
  }
}

import { FUNCTIONS } from '../../../cloudfunctions/functions';
import { FUNCTION_INPUTS, type Api, type FunctionName } from '../../../shared/src/functions';

/**
 * The typed API the client calls (shared/src/functions.ts → client/src/api/types.ts) is derived
 * from the shared api modules; these must name exactly the functions the server serves and each
 * handler table's actions, and each action must parse with its api module's schema.
 */

const sorted = (keys: Iterable<string>) => [...keys].sort();

describe('API registry', () => {
  it('names the same functions as cloudfunctions/functions.ts', () => {
    expect(sorted(Object.keys(FUNCTION_INPUTS))).toEqual(sorted(Object.keys(FUNCTIONS)));
  });

  it.each(Object.keys(FUNCTIONS))('%s: the api module names exactly the handler table actions, with the same schemas', (fn) => {
    const inputs: Record<string, unknown> = FUNCTION_INPUTS[fn as FunctionName];
    const table = FUNCTIONS[fn];
    expect(sorted(Object.keys(inputs))).toEqual(sorted(Object.keys(table)));
    for (const [name, act] of Object.entries(table)) expect([name, (act as { input?: unknown }).input]).toEqual([name, inputs[name]]);
    for (const [name, act] of Object.entries(table)) expect((act as { input?: unknown }).input).toBe(inputs[name]);
  });

  it('types every action of every function (compile-time check, mirrored at run time)', () => {
    // Api's keys are FunctionName's: a function missing from the map would not compile here.
    const names: Record<FunctionName, true> = { account: true, admin: true, booking: true, desk: true, guide: true, requests: true, timer: true, visits: true, work: true };
    const sample: Api['admin']['metrics']['input'] = { from: '2026-12-01', to: '2026-12-07' };
    expect(sorted(Object.keys(names))).toEqual(sorted(Object.keys(FUNCTIONS)));
    expect(sample.from).toBe('2026-12-01');
  });
});

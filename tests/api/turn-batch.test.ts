import { turnBatcher } from '../../cloudfunctions/lib/server/turn-batch';

/** A call: waits for its turn, then takes three steps with an await between each. */
async function call(start: () => Promise<void>, name: string, log: string[]): Promise<void> {
  await start();
  for (let step = 1; step <= 3; step++) {
    log.push(`${name}${step}`);
    await null;
  }
}

describe('turnBatcher', () => {
  it('starts the calls of one turn together, so their steps interleave', async () => {
    const log: string[] = [];
    const start = turnBatcher();
    await Promise.all([call(start, 'a', log), call(start, 'b', log), call(start, 'c', log)]);
    expect(log).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'c2', 'a3', 'b3', 'c3']);
  });

  it('runs each call to its end when every call has a turn of its own', async () => {
    // The contrast: what the server did before, one call after the other.
    const log: string[] = [];
    const ownTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
    await Promise.all([call(ownTurn, 'a', log), call(ownTurn, 'b', log)]);
    expect(log).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'b3']);
  });

  it('holds a call until the turn ends; a call after that waits for the next turn', async () => {
    const start = turnBatcher();
    const turn = start();
    expect(start()).toBe(turn);
    expect(await settledBeforeTheTurnEnds(turn)).toBe(false);
    await turn;
    const next = start();
    expect(next).not.toBe(turn);
    expect(await settledBeforeTheTurnEnds(next)).toBe(false);
    await next;
  });
});

/** Whether `p` settles while the current microtasks run (a call already started would). */
async function settledBeforeTheTurnEnds(p: Promise<void>): Promise<boolean> {
  let settled = false;
  void p.then(() => (settled = true));
  for (let i = 0; i < 10; i++) await null;
  return settled;
}

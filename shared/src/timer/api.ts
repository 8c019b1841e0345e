import * as z from 'zod/mini';

/** The `timer` function (the scheduled trigger): its one action. */

export const TimerInput = { tick: z.object({}) } as const;

export interface TimerOutput {
  /** closed: resolved requests closed as unrated after 7 days. */
  tick: { checked: number; emitted: number; delivered: number; closed: number };
}

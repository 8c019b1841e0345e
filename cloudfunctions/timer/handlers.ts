import { TimerInput, type TimerOutput } from '@qgt/shared/timer/api';
import { action, type HandlerTable } from '../lib/runtime/handler';
import { runTick } from '../lib/timer/tick';

/**
 * Deadline alerts and the outbox sweep. On CloudBase a timer trigger runs `tick` as the system
 * (see cloudbase-entry); locally the server ticks every minute, and an admin may tick by hand.
 */
export const timerHandlers = {
  tick: action({
    input: TimerInput.tick,
    access: ['admin', 'system'],
    rate: null,
    run: ({ ctx }): Promise<TimerOutput['tick']> => runTick(ctx),
  }),
} satisfies HandlerTable;

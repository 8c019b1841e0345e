import type * as z from 'zod/mini';
import { AccountInput, type AccountOutput } from './account/api';
import { AdminInput, type AdminOutput } from './admin/api';
import { BookingInput, type BookingOutput } from './booking/api';
import { DeskInput, type DeskOutput } from './desk/api';
import { GuideInput, type GuideOutput } from './guide/api';
import { RequestsInput, type RequestsOutput } from './requests/api';
import { TimerInput, type TimerOutput } from './timer/api';
import { VisitsInput, type VisitsOutput } from './visits/api';
import { WorkInput, type WorkOutput } from './work/api';

/**
 * Every cloud function's API, one shared/src/<fn>/api.ts each: its input schemas by action and
 * its output types. The client's typed API (`Api`) is derived from these two tables by
 * `ActionsOf`; tests/unit/architecture/api-registry.test.ts checks that the names here equal the
 * function registry (cloudfunctions/functions.ts) and each handler table's actions. The client
 * imports types only (no zod on the device); the functions import their own api.ts, not this.
 */
export const FUNCTION_INPUTS = {
  account: AccountInput,
  admin: AdminInput,
  booking: BookingInput,
  desk: DeskInput,
  guide: GuideInput,
  requests: RequestsInput,
  timer: TimerInput,
  visits: VisitsInput,
  work: WorkInput,
} as const;

export interface FunctionOutputs {
  account: AccountOutput;
  admin: AdminOutput;
  booking: BookingOutput;
  desk: DeskOutput;
  guide: GuideOutput;
  requests: RequestsOutput;
  timer: TimerOutput;
  visits: VisitsOutput;
  work: WorkOutput;
}

/** One function's actions: the input as a caller writes it (defaults optional), the output as returned. */
export type ActionsOf<In extends Record<string, z.ZodMiniType>, Out> = {
  [A in keyof In & string]: { input: z.input<In[A]>; output: A extends keyof Out ? Out[A] : never };
};

export type FunctionName = keyof typeof FUNCTION_INPUTS;

/** Compile-time: every action has an output type and every output an action (names the odd ones out otherwise). */
type Unmatched<F extends FunctionName> = Exclude<keyof (typeof FUNCTION_INPUTS)[F], keyof FunctionOutputs[F]> | Exclude<keyof FunctionOutputs[F], keyof (typeof FUNCTION_INPUTS)[F]>;
export const OUTPUTS_MATCH_INPUTS: { [F in FunctionName]: [Unmatched<F>] extends [never] ? true : Unmatched<F> } = {
  account: true,
  admin: true,
  booking: true,
  desk: true,
  guide: true,
  requests: true,
  timer: true,
  visits: true,
  work: true,
};

/** Every callable function and action with its input and output types. */
export type Api = { [F in FunctionName]: ActionsOf<(typeof FUNCTION_INPUTS)[F], FunctionOutputs[F]> };

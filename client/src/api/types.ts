import type * as z from 'zod/mini';
import type { AccountInput, AccountOutput } from '@qgt/shared/account/api';
import type { GuideInput, GuideOutput } from '@qgt/shared/guide/api';
import type { AdminInput } from '@qgt/shared/requests/adminInput';
import type {
  AdminOutput,
  BookingInput,
  BookingOutput,
  RequestsInput,
  RequestsOutput,
  WorkInput,
  WorkOutput,
} from '@qgt/shared/requests/api';
import type { DeskInput, DeskOutput } from '@qgt/shared/desk/api';
import type { VisitsInput, VisitsOutput } from '@qgt/shared/visits/api';
import type { MetricsInput, MetricsView } from '@qgt/shared/metrics/api';
import type { ConsoleInput, ConsoleOutput } from '@qgt/shared/admin/console-api';
import type { AuditInput, AuditOutput } from '@qgt/shared/audit/api';

/**
 * Every callable function and action, with input and output types taken from the shared
 * schemas (type-only imports: no zod at runtime on the device). Add a function here when its
 * shared api module lands.
 */
type ActionsOf<In extends Record<string, z.ZodMiniType>, Out extends { [K in keyof In]: unknown }> = {
  [A in keyof In & keyof Out]: { input: z.input<In[A]>; output: Out[A] };
};

export interface Api {
  guide: ActionsOf<typeof GuideInput, GuideOutput>;
  account: ActionsOf<typeof AccountInput, AccountOutput>;
  requests: ActionsOf<typeof RequestsInput, RequestsOutput>;
  booking: ActionsOf<typeof BookingInput, BookingOutput>;
  work: ActionsOf<typeof WorkInput, WorkOutput>;
  admin: ActionsOf<typeof AdminInput, AdminOutput> &
    ActionsOf<typeof ConsoleInput, ConsoleOutput> &
    ActionsOf<typeof AuditInput, AuditOutput> & { metrics: { input: z.input<typeof MetricsInput>; output: MetricsView } };
  desk: ActionsOf<typeof DeskInput, DeskOutput>;
  visits: ActionsOf<typeof VisitsInput, VisitsOutput>;
}

export type FnName = keyof Api;
export type ActionName<F extends FnName> = keyof Api[F] & string;
export type ActionInput<F extends FnName, A extends ActionName<F>> = Api[F][A] extends { input: infer I } ? I : never;
export type ActionOutput<F extends FnName, A extends ActionName<F>> = Api[F][A] extends { output: infer O } ? O : never;

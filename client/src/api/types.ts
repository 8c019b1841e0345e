import type { Api } from '@qgt/shared/functions';

/**
 * Every callable function and action, typed from the shared api modules (shared/src/<fn>/api.ts,
 * gathered in shared/src/functions.ts; type-only: no zod at runtime on the device).
 */
export type { Api };

export type FnName = keyof Api;
export type ActionName<F extends FnName> = keyof Api[F] & string;
export type ActionInput<F extends FnName, A extends ActionName<F>> = Api[F][A] extends { input: infer I } ? I : never;
export type ActionOutput<F extends FnName, A extends ActionName<F>> = Api[F][A] extends { output: infer O } ? O : never;

import type { RateRule } from '@qgt/shared/domain/rateLimit';

const MINUTE = 60_000;

/** Budgets per caller identity (OPENID). Creating is the abuse target, so it gets the tightest. */
export const RATE_RULES = {
  create: { name: 'create', max: 20, windowMs: MINUTE },
  write: { name: 'write', max: 120, windowMs: MINUTE },
  upload: { name: 'upload', max: 30, windowMs: MINUTE },
  qr: { name: 'qr', max: 30, windowMs: MINUTE },
} as const satisfies Record<string, RateRule>;

/**
 * A budget's name, as an action declares it next to its `access` (`rate: 'write'`, or `null` for
 * reads and the system's own actions); a unit test checks every action declares one.
 */
export type RateName = keyof typeof RATE_RULES;

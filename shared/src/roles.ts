/** Roles come from the store (users collection), never from a request. */
export const ROLES = ['resident', 'worker', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who may call an action: anyone (incl. anonymous), any signed-in caller, the system alone (timer
 * trigger, WeChat's pushes), or listed roles (which may list `'system'` too).
 */
export type Access = 'anyone' | 'signedIn' | 'system' | readonly (Role | 'system')[];

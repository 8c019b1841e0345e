/** Roles come from the store (users collection), never from a request. */
export const ROLES = ['resident', 'worker', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who may call an action: anyone (incl. anonymous), any signed-in caller, or listed roles. */
export type Access = 'anyone' | 'signedIn' | readonly Role[];

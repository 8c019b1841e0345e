/** People's roles (the `role` codes of users), in words. No imports. */
export const ROLE_LABELS = { resident: '居民', worker: '网格员', admin: '管理员' } as const;
export type RoleCode = keyof typeof ROLE_LABELS;

/** The label of a role code, or the code itself for one this version does not know. */
export function roleLabel(code: string): string {
  return Object.prototype.hasOwnProperty.call(ROLE_LABELS, code) ? ROLE_LABELS[code as RoleCode] : code;
}

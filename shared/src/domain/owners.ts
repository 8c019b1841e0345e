import type { Department } from './communityData';

/**
 * Category → owning department (权属), the routing step after the grid. Zod-free: the client's
 * escalate page imports it.
 */

/** Departments owning a category, in the order given (the first is the default escalation target). */
export function departmentsFor<D extends Pick<Department, 'categories'>>(departments: readonly D[], category: string): D[] {
  return departments.filter((d) => d.categories.includes(category));
}

/** Every department, the category's owners first (the escalate page offers and preselects those). */
export function ownersFirst<D extends Pick<Department, 'categories'>>(departments: readonly D[], category?: string): { department: D; owner: boolean }[] {
  const owners = category ? departmentsFor(departments, category) : [];
  return [...owners.map((department) => ({ department, owner: true })), ...departments.filter((d) => !owners.includes(d)).map((department) => ({ department, owner: false }))];
}

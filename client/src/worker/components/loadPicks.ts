import type { Choice } from '../../components/Form/Choices';
import { ownersFirst } from '@qgt/shared/domain/owners';
import { callFunction } from '../../api/call';

/**
 * Colleagues to transfer to and departments to call in, from work.directory (any staff member);
 * with the request's category, the departments owning it (权属) come first, marked.
 */
export async function loadPicks(exclude: string[], category?: string): Promise<{ colleagues: Choice[]; departments: Choice[] }> {
  const { workers, departments } = await callFunction('work', 'directory', {});
  return {
    colleagues: workers
      .filter((w) => !exclude.includes(w.openid))
      .map((w) => ({ value: w.openid, label: w.name, desc: w.onLeave ? '请假中' : `${w.level}岗`, disabled: w.onLeave })),
    departments: ownersFirst(departments, category).map(({ department: d, owner }) => ({ value: d.code, label: d.name, ...(owner && { desc: '权属部门' }) })),
  };
}

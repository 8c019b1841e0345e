import type { Choice } from '../../components/Form/Choices';
import { callFunction } from '../../api/call';

/** Colleagues to transfer to and departments to call in, from work.directory (any staff member). */
export async function loadPicks(exclude: string[]): Promise<{ colleagues: Choice[]; departments: Choice[] }> {
  const { workers, departments } = await callFunction('work', 'directory', {});
  return {
    colleagues: workers
      .filter((w) => !exclude.includes(w.openid))
      .map((w) => ({ value: w.openid, label: w.name, desc: w.onLeave ? '请假中' : `${w.level}岗`, disabled: w.onLeave })),
    departments: departments.map((d) => ({ value: d.code, label: d.name })),
  };
}

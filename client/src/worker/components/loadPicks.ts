import type { Choice } from '../../components/Form/Choices';
import { callFunction } from '../../api/call';
import { isApiError } from '../../api/errors';

/**
 * Colleagues and departments to pick from. Only admins may list them (admin.workers.list /
 * admin.departments.list); for a worker those answer 403 and the form asks for the code instead.
 * `null` = no list available.
 */
export async function colleagueChoices(exclude: string[]): Promise<Choice[] | null> {
  try {
    const { items } = await callFunction('admin', 'workers.list', {});
    return items
      .filter((w) => !exclude.includes(w.openid))
      .map((w) => {
        const away = w.onLeave || !w.onDuty;
        return {
          value: w.openid,
          label: w.name,
          desc: away ? '请假/不在岗' : `${w.level}岗 · 在办${w.open ?? 0}件`,
          disabled: away,
        };
      });
  } catch (e) {
    if (isApiError(e) && (e.code === 'FORBIDDEN' || e.code === 'UNAUTHENTICATED')) return null;
    throw e;
  }
}

export async function departmentChoices(): Promise<Choice[] | null> {
  try {
    const { items } = await callFunction('admin', 'departments.list', {});
    return items.map((d) => ({ value: d.code, label: d.name }));
  } catch (e) {
    if (isApiError(e) && (e.code === 'FORBIDDEN' || e.code === 'UNAUTHENTICATED')) return null;
    throw e;
  }
}

import fs from 'node:fs';
import path from 'node:path';
import { chinaCalendar } from '@qgt/shared/domain/calendar';
import { DeploymentError, parseDeployment } from '@qgt/shared/domain/deployment';
import { calendarOf, HolidayAdjustmentsSchema, open311Enabled, open311Withheld } from '@qgt/shared/domain/streetSettings';
import { REPO_ROOT } from '../../../cloudfunctions/lib/server/config';

const heping = () => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'deployments', 'heping.json'), 'utf8'));

describe('a 街道’s 调休 and feature switches', () => {
  it('takes a day off and a worked Sunday on top of the official calendar', () => {
    const adj = HolidayAdjustmentsSchema.parse({ holidays: ['2026-10-12'], workdays: ['2026-10-18'] });
    const cal = calendarOf({ holidayAdjustments: adj });
    expect([chinaCalendar.isWorkday('2026-10-12'), cal.isWorkday('2026-10-12')]).toEqual([true, false]);
    expect([chinaCalendar.isWorkday('2026-10-18'), cal.isWorkday('2026-10-18')]).toEqual([false, true]);
    // One calendar per settings object (the due-date memo is kept per calendar), the official one without any.
    expect(calendarOf({ holidayAdjustments: adj })).toBe(cal);
    expect(calendarOf({})).toBe(chinaCalendar);
  });

  it('refuses a date that is both a day off and a workday, and dates that do not exist', () => {
    const both = HolidayAdjustmentsSchema.safeParse({ holidays: ['2026-10-12'], workdays: ['2026-10-12'] });
    expect(both.success).toBe(false);
    expect(both.error!.issues[0]).toMatchObject({ path: ['workdays', 0], message: expect.stringContaining('2026-10-12') });
    expect(HolidayAdjustmentsSchema.safeParse({ holidays: ['2026-02-30'] }).success).toBe(false);
  });

  it('narrows the Open311 feed to the allowed categories, or shuts it for the 街道', () => {
    expect(open311Withheld({ features: { open311: { enabled: true, categories: ['shizheng'] } } }, ['shizheng', 'huanjing', 'falv'])).toEqual(['huanjing', 'falv']);
    expect(open311Withheld({}, ['shizheng'])).toEqual([]);
    expect(open311Enabled({ features: { open311: { enabled: false } } })).toBe(false);
    expect(open311Enabled({})).toBe(true);
  });

  it('names the file, the path and the reason of a bad setting in the deployment file', () => {
    const file = heping();
    file.subdistrict.holidayAdjustments.workdays = ['2026-10-12'];
    file.subdistrict.features.open311.enabled = 'yes';
    let error: DeploymentError | undefined;
    try {
      parseDeployment(file, 'deployments/heping.json');
    } catch (e) {
      error = e as DeploymentError;
    }
    expect(error).toBeInstanceOf(DeploymentError);
    expect(error!.problems.join('\n')).toContain('deployments/heping.json: subdistrict.holidayAdjustments.workdays[0]: 2026-10-12 不能既是放假日又是调休上班日');
    expect(error!.problems.join('\n')).toContain('subdistrict.features.open311.enabled');
  });

  it('keeps the settings of deployments/heping.json on its 街道', () => {
    const dep = parseDeployment(heping(), 'deployments/heping.json');
    expect(dep.data.subdistrict.holidayAdjustments).toEqual({ holidays: ['2026-10-12'], workdays: [] });
    expect(dep.data.subdistrict.features?.open311?.categories).toEqual(['shizheng', 'huanjing', 'paishui']);
  });
});

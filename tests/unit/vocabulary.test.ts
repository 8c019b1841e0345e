import fs from 'node:fs';
import path from 'node:path';
import { AppError, defaultReason, ERROR_STATUS, type ErrorCode } from '@qgt/shared/errors';
import { EVENT_LABELS, KIND_LABELS, REQUEST_KINDS, REQUEST_STATUSES, STATUS_LABELS, STATUS_PHRASES, eventLabel, kindLabel, statusLabel } from '@qgt/shared/vocabulary/requests';
import { ROUTE_REASONS, routeReasonText } from '@qgt/shared/vocabulary/routing';
import { EVENT_TYPES, STATUS_LABELS as DOMAIN_STATUS_LABELS } from '@qgt/shared/domain/requestState';
import { ROUTE_REASONS as DOMAIN_ROUTE_REASONS } from '@qgt/shared/domain/routing';
import { WALKIN_OUTCOME_LABELS } from '@qgt/shared/vocabulary/desk';
import { WALKIN_OUTCOMES } from '@qgt/shared/desk/api';
import { ROLE_LABELS, roleLabel } from '@qgt/shared/vocabulary/roles';
import { ROLES } from '@qgt/shared/roles';
import { servicesOf } from '@qgt/shared/open311/georeport';
import * as clientLabels from '../../client/src/lib/requestLabels';

const VOCABULARY_DIR = path.resolve(__dirname, '../../shared/src/vocabulary');

describe('the vocabulary', () => {
  it('is plain data: no module of it imports anything (no zod on the device)', () => {
    const files = fs.readdirSync(VOCABULARY_DIR).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(fs.readFileSync(path.join(VOCABULARY_DIR, f), 'utf8')).not.toMatch(/^\s*(import|export .* from)\b/m);
  });

  it('names every status, kind and event, and the client and the domain use the same objects', () => {
    for (const s of REQUEST_STATUSES) expect(STATUS_LABELS[s]).toMatch(/^[\u4e00-\u9fff]+$/);
    for (const s of REQUEST_STATUSES) expect([...STATUS_PHRASES[s]].length).toBeLessThanOrEqual(5);
    for (const k of REQUEST_KINDS) expect(KIND_LABELS[k]).toMatch(/^[\u4e00-\u9fff]+$/);
    for (const e of ['create', ...EVENT_TYPES]) expect(eventLabel(e)).not.toBe(e);
    expect(Object.keys(EVENT_LABELS).sort()).toEqual(['create', ...EVENT_TYPES].sort());
    expect(clientLabels.STATUS_LABELS).toBe(STATUS_LABELS);
    expect(clientLabels.KIND_LABELS).toBe(KIND_LABELS);
    expect(DOMAIN_STATUS_LABELS).toBe(STATUS_LABELS);
    expect(DOMAIN_ROUTE_REASONS).toBe(ROUTE_REASONS);
  });

  it('says one word for a closed request everywhere (issue 13: the server said 已关闭, the client 已完成)', () => {
    expect(statusLabel('closed')).toBe(clientLabels.statusLabel('closed'));
    expect(STATUS_PHRASES.closed).toBe(STATUS_LABELS.closed);
  });

  it('names every walk-in outcome desk.walkin accepts', () => {
    expect(Object.keys(WALKIN_OUTCOME_LABELS).sort()).toEqual([...WALKIN_OUTCOMES].sort());
  });

  it('names every role once, for the pages and the functions', () => {
    expect(Object.keys(ROLE_LABELS).sort()).toEqual([...ROLES].sort());
    // The client's account module imports Taro (not loadable here): read its source instead.
    const account = fs.readFileSync(path.resolve(__dirname, '../../client/src/lib/account.ts'), 'utf8');
    expect(account).toContain("export { roleLabel } from '@qgt/shared/vocabulary/roles';");
    expect(account).not.toContain("'网格员'");
    expect(roleLabel('worker')).toBe('网格员');
  });

  it('gives the Open311 feed the kind words the pages use', () => {
    const services = servicesOf({ version: '1', categories: [], matters: [] }, [{ code: 'lamp', name: '路灯' } as never]);
    const name = (code: string) => services.find((s) => s.service_code === code)!;
    expect(name('other.visit').service_name).toBe(KIND_LABELS.visit);
    expect(name('other.report').service_name).toBe(`其他${KIND_LABELS.report}问题`);
    expect(name('other.consult').service_name).toBe(`其他${KIND_LABELS.consult}`);
    expect(name('report.lamp').group).toBe(KIND_LABELS.report);
  });

  it('shows an unknown code as it is rather than nothing', () => {
    expect(roleLabel('auditor')).toBe('auditor');
    expect(statusLabel('paused')).toBe('paused');
    expect(kindLabel('hotline')).toBe('hotline');
    expect(routeReasonText('someNewRule')).toBe('someNewRule');
    expect(statusLabel('toString')).toBe('toString');
  });
});

describe('AppError reasons', () => {
  it('derive a stable default from the code', () => {
    expect(defaultReason('BAD_REQUEST')).toBe('badRequest');
    expect(defaultReason('RATE_LIMITED')).toBe('rateLimited');
    for (const code of Object.keys(ERROR_STATUS) as ErrorCode[]) expect(new AppError(code).reason).toMatch(/^[a-z][A-Za-z]*$/);
  });

  it('travel in the error body next to the Chinese message', () => {
    expect(new AppError('CONFLICT', '该时段已约满', { field: 'data.slotId', reason: 'slotFull' }).toBody()).toEqual({
      code: 'CONFLICT',
      reason: 'slotFull',
      message: '该时段已约满',
      field: 'data.slotId',
    });
    expect(new AppError('NOT_FOUND').toBody()).toEqual({ code: 'NOT_FOUND', reason: 'notFound', message: '找不到相关内容' });
  });
});

describe('audited actions', () => {
  // Imported here so the rest of this file stays light.
  const { FUNCTIONS } = require('../../cloudfunctions/functions') as typeof import('../../cloudfunctions/functions');
  const { AUDIT_ACTION_LABELS, auditActionLabel } = require('@qgt/shared/vocabulary/audit') as typeof import('@qgt/shared/vocabulary/audit');

  it('every action that writes an audit record has a Chinese name, and no name is left for an action that does not', () => {
    const audited = Object.entries(FUNCTIONS).flatMap(([fn, table]) =>
      Object.entries(table as Record<string, { audit?: unknown }>)
        .filter(([, a]) => a && a.audit)
        .map(([name]) => `${fn}.${name}`),
    );
    expect(audited.length).toBeGreaterThan(20);
    const exports = ['admin.export.requests', 'admin.export.metrics', 'admin.export.audit'];
    expect(Object.keys(AUDIT_ACTION_LABELS).sort()).toEqual([...audited, ...exports].sort());
    for (const label of Object.values(AUDIT_ACTION_LABELS)) expect(label).toMatch(/^[\u4e00-\u9fff]+$/);
  });

  it('an unknown action reads as 其他操作 with its code', () => {
    expect(auditActionLabel('work.resolve')).toBe('办结工单');
    expect(auditActionLabel('work.future')).toBe('其他操作（work.future）');
    expect(auditActionLabel('toString')).toBe('其他操作（toString）');
  });
});

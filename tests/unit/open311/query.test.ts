import { parseRequestsQuery } from '@qgt/shared/open311/query';
import { OPEN311_STATUS, serviceCodeOf, statusesFor, w3cTime } from '@qgt/shared/open311/georeport';
import { REQUEST_STATUSES } from '@qgt/shared/domain/requestState';
import { AppError } from '@qgt/shared/errors';

const TZ = 'Asia/Shanghai';
const NOW = new Date('2026-10-09T00:00:00.000Z');

describe('parseRequestsQuery: the requested_datetime window', () => {
  it.each([
    // query → [from, to] (both inclusive, UTC)
    [{}, '2026-07-11T00:00:00.000Z', '2026-10-09T00:00:00.000Z'], // the last 90 days
    [{ start_date: '2026-09-01' }, '2026-08-31T16:00:00.000Z', '2026-11-29T16:00:00.000Z'], // a local day; 90 days on
    [{ end_date: '2026-09-30' }, '2026-07-02T15:59:59.999Z', '2026-09-30T15:59:59.999Z'], // to the end of that local day; 90 days back
    [{ start_date: '2026-09-01', end_date: '2026-09-01' }, '2026-08-31T16:00:00.000Z', '2026-09-01T15:59:59.999Z'],
    [{ start_date: '2026-09-01T08:00:00+08:00', end_date: '2026-09-02T00:00:00Z' }, '2026-09-01T00:00:00.000Z', '2026-09-02T00:00:00.000Z'],
    [{ start_date: '2026-01-01', end_date: '2026-03-31' }, '2025-12-31T16:00:00.000Z', '2026-03-31T15:59:59.999Z'], // exactly 90 days
  ])('%o → %s … %s', (query, from, to) => expect(parseRequestsQuery(query, NOW, TZ)).toMatchObject({ from, to }));

  it.each([
    [{ start_date: '2026-01-01', end_date: '2026-04-01' }, '2025-12-31T16:00:00.000Z', '2026-03-31T16:00:00.000Z'], // 91 days: cut to the 90 from its start
    [{ start_date: '', end_date: '', status: '', service_code: '', page: '', page_size: '' }, '2026-07-11T00:00:00.000Z', '2026-10-09T00:00:00.000Z'], // empty = absent
    [{ start_date: '2026-09-01T08:00:00.123456+08:00' }, '2026-09-01T00:00:00.123Z', '2026-11-30T00:00:00.123Z'], // Python's isoformat(): six fractional digits
    [{ start_date: '2026-09-01T00:00:00.5Z', end_date: '2026-09-02T00:00:00.999999999Z' }, '2026-09-01T00:00:00.500Z', '2026-09-02T00:00:00.999Z'],
  ])('%o → %s … %s (clamped or read leniently)', (query, from, to) => expect(parseRequestsQuery(query, NOW, TZ)).toMatchObject({ from, to, page: 1, pageSize: 1000 }));

  it.each([
    [{ start_date: '2026-09-02', end_date: '2026-09-01' }, 'end_date'],
    [{ start_date: '2026-02-30' }, 'start_date'],
    [{ end_date: '2026-09-01 08:00' }, 'end_date'],
  ])('%o → BAD_REQUEST on %s', (query, field) => {
    const err = (() => {
      try {
        parseRequestsQuery(query, NOW, TZ);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'BAD_REQUEST', field });
  });
});

describe('parseRequestsQuery: lists and paging', () => {
  it('reads comma lists and repeated parameters alike, without duplicates', () => {
    expect(parseRequestsQuery({ status: ['open', 'closed,open'], service_code: 'report.shizheng,matter.legal-aid' }, NOW, TZ)).toMatchObject({
      statuses: ['open', 'closed'],
      serviceCodes: ['report.shizheng', 'matter.legal-aid'],
      page: 1,
      pageSize: 1000,
    });
  });

  it('treats empty arguments as absent and clamps page_size', () => {
    const q = parseRequestsQuery({ status: '', service_code: ['', ''], service_request_id: '', jurisdiction_id: '', page_size: '5000' }, NOW, TZ);
    expect(q.statuses).toBeUndefined();
    expect(q.serviceCodes).toBeUndefined();
    expect(q.ids).toBeUndefined();
    expect(q.pageSize).toBe(1000);
  });

  it('lets malformed ids and service codes match nothing instead of failing', () => {
    expect(parseRequestsQuery({ service_code: 'shizheng' }, NOW, TZ).serviceCodes).toEqual([]);
    expect(parseRequestsQuery({ service_request_id: 'R1,<script>' }, NOW, TZ).ids).toEqual(['R1']);
  });

  it('lets service_request_id override every other argument', () => {
    const q = parseRequestsQuery({ service_request_id: 'R1,R2', status: 'open', start_date: '2020-01-01', page: '3' }, NOW, TZ);
    expect(q).toMatchObject({ ids: ['R1', 'R2'], page: 1 });
    expect(q.statuses).toBeUndefined();
  });
});

describe('status and service mapping', () => {
  it('maps every status, and back', () => {
    expect(REQUEST_STATUSES.filter((s) => OPEN311_STATUS[s] === 'open')).toEqual(['assigned', 'accepted', 'escalated']);
    expect(statusesFor(['closed'])).toEqual(['resolved', 'closed', 'cancelled']);
    expect(statusesFor(['open', 'closed'])).toEqual([...REQUEST_STATUSES]);
  });

  it.each([
    [{ kind: 'consult', matterCode: 'legal-aid', category: 'falv' }, 'matter.legal-aid'],
    [{ kind: 'report', category: 'shizheng' }, 'report.shizheng'],
    [{ kind: 'consult', category: 'falv' }, 'category.falv'],
    [{ kind: 'visit' }, 'other.visit'],
  ] as const)('%o → %s', (request, code) => expect(serviceCodeOf(request, new Set(['shizheng']))).toBe(code));
});

describe('w3cTime', () => {
  it.each([
    ['2026-10-09T00:00:00.000Z', 'Asia/Shanghai', '2026-10-09T08:00:00+08:00'],
    ['2026-12-31T16:30:05.999Z', 'Asia/Shanghai', '2027-01-01T00:30:05+08:00'],
    ['2026-07-01T12:00:00.000Z', 'UTC', '2026-07-01T12:00:00+00:00'],
    ['2026-07-01T12:00:00.000Z', 'America/New_York', '2026-07-01T08:00:00-04:00'],
  ])('%s in %s → %s', (instant, tz, w3c) => expect(w3cTime(instant, tz)).toBe(w3c));
});

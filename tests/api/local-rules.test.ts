import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chinaCalendar, withAdjustments } from '../../shared/src/domain/calendar';
import { computeDueAt } from '../../shared/src/domain/deadlines';
import { parseDeployment, DeploymentError } from '../../shared/src/domain/deployment';
import { startTestServer, type TestServer } from '../helpers/server';
import { as, NOW, ok } from './requests-helpers';
import { deploymentFile } from './deployment-helpers';

/**
 * 本地规定 from a deployment file: 和平街道's file carries a county promise and its own window for
 * 育儿补贴; the demo 街道 beside it carries none. A reader in 和平 sees them with their source and
 * a mark per field, a reader elsewhere never does, and the window's walk-in is due by the local promise.
 */

const source = { title: '某区政务服务事项承诺时限目录（测试）', docNo: '测政办〔2026〕1号', retrievedAt: '2026-12-01' };
const RULES = [
  { matter: 'childcare-subsidy', level: 'county', region: '测试区', timeLimit: { value: 3, unit: 'workday' }, source, reviewedAt: '2026-12-01', nextReviewDue: '2027-06-01' },
  { matter: 'childcare-subsidy', level: 'subdistrict', region: '和平街道', where: '和平街道便民服务中心2号窗口', source, reviewedAt: '2026-12-01', nextReviewDue: '2027-06-01' },
];

function withRules(rules: unknown[], dir: string): string {
  const file = JSON.parse(fs.readFileSync(deploymentFile('heping'), 'utf8'));
  const out = path.join(dir, 'heping-local.json');
  fs.writeFileSync(out, JSON.stringify({ ...file, localRules: rules }));
  return out;
}

describe('local rules (本地规定) from a deployment file', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qgt-local-'));
  let server: TestServer;
  const get = async (data: object) => server.call('guide', 'get', { code: 'childcare-subsidy', ...data }, as('anyone'));
  /** The catalog summary before the rules came (the device's kept matters are tagged with its details version). */
  let before: { version: string; detailsVersion: string };

  beforeAll(async () => {
    server = await startTestServer({ DATA_DIR: dataDir });
    before = ok(await server.call('guide', 'catalog', { summary: true }, as('anyone')));
    await server.close();
    server = await startTestServer({ DATA_DIR: dataDir, DEPLOYMENT: withRules(RULES, dataDir) });
  });
  afterAll(() => server?.close());

  it('shows a 街道’s rules to a reader there, each changed field marked with its region and source', async () => {
    const m = ok(await get({ subdistrict: 'heping-street' }));
    expect(m.where).toBe('和平街道便民服务中心2号窗口');
    expect(m.timeLimit.workingDays).toBe(3);
    expect(m.timeLimit.local).toEqual({ value: 3, unit: 'workday', source });
    expect(m.local.map((x: { field: string; level: string; region: string }) => [x.field, x.level, x.region])).toEqual([
      ['timeLimit', 'county', '测试区'],
      ['where', 'subdistrict', '和平街道'],
    ]);
    expect(m.sources).toEqual(expect.arrayContaining([{ ...source, field: 'where' }, { ...source, field: 'timeLimit' }]));
  });

  it('moves the details version when rules arrive, so devices refetch the matters they kept; the summary itself is unchanged', async () => {
    const now = ok(await server.call('guide', 'catalog', { summary: true, version: before.version }, as('anyone')));
    expect(now).toEqual({ version: before.version, unchanged: true, detailsVersion: expect.any(String) });
    expect(now.detailsVersion).not.toBe(before.detailsVersion);
    expect(ok(await get({ subdistrict: 'heping-street' })).detailsVersion).toBe(now.detailsVersion);
  });

  it('never shows one 街道’s rules to another’s readers, nor to a reader with no place when 街道 differ', async () => {
    const national = ok(await get({ subdistrict: 'demo-street' }));
    expect(national.where).not.toBe('和平街道便民服务中心2号窗口');
    expect(national.timeLimit.workingDays).toBe(30);
    expect(national.local).toBeUndefined();
    // Two 街道 here, and only 和平 has the county rule: it is not stated for everyone.
    expect(ok(await get({})).local).toBeUndefined();
  });

  it('answers 404 naming the field for a 街道 that does not exist', async () => {
    const res = await get({ subdistrict: 'no-such-street' });
    expect(res.status).toBe(404);
    expect(res.body.error.field).toBe('data.subdistrict');
  });

  it('makes the window’s walk-in due by the local promise', async () => {
    const w = ok(await server.call('desk', 'walkin', { matterCode: 'childcare-subsidy', outcome: 'handoff' }, as('qinghe-worker-1', NOW)));
    const request = ok(await server.call('requests', 'get', { id: w.requestId }, as('qinghe-worker-1', NOW)));
    const heping = withAdjustments(chinaCalendar, { holidays: ['2026-10-12'] });
    expect([computeDueAt(new Date(NOW).toISOString(), 3, 'Asia/Shanghai', heping), computeDueAt(new Date(NOW).toISOString(), 3, 'Asia/Shanghai')]).toContain(request.dueAt);
  });
});

describe('local rules in the file are checked', () => {
  it('names the path and the reason of a bad rule', () => {
    const file = JSON.parse(fs.readFileSync(deploymentFile('heping'), 'utf8'));
    const bad = { ...RULES[0], timeLimit: { value: 3, unit: 'day' } };
    expect(() => parseDeployment({ ...file, localRules: [bad] }, 'heping.json')).toThrow(DeploymentError);
    try {
      parseDeployment({ ...file, localRules: [bad] }, 'heping.json');
    } catch (e) {
      expect((e as DeploymentError).problems).toEqual(['heping.json: localRules[0].timeLimit.unit: 本地承诺时限应以工作日计']);
    }
  });

  it('refuses to seed a rule for a matter the catalog does not have', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qgt-local-bad-'));
    await expect(startTestServer({ DATA_DIR: dir, DEPLOYMENT: withRules([{ ...RULES[1], matter: 'no-such-matter' }], dir) })).rejects.toThrow(/localRules\[0\]\.matter: 目录中没有事项 no-such-matter/);
  });
});

describe('local rules of the only 街道 of an environment', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qgt-local-one-'));
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ DATA_DIR: dataDir, DEPLOYMENT: withRules(RULES, dataDir) });
  });
  afterAll(() => server?.close());

  it('hold for every reader, and travel inside the device’s copy of the catalog', async () => {
    expect(ok(await server.call('guide', 'get', { code: 'childcare-subsidy' }, as('anyone'))).where).toBe('和平街道便民服务中心2号窗口');
    const { catalog } = ok(await server.call('guide', 'catalog', {}, as('anyone')));
    const m = catalog.matters.find((x: { code: string }) => x.code === 'childcare-subsidy');
    expect(m.where).toBe('和平街道便民服务中心2号窗口');
    expect(m.local.map((x: { field: string }) => x.field)).toEqual(['timeLimit', 'where']);
    // Matters no rule names are sent as they are.
    expect(catalog.matters.filter((x: { local?: unknown }) => x.local).length).toBe(1);
  });
});

import { unpackSearchIndex } from '@qgt/shared/search/pack';
import { startTestServer, type TestServer } from '../helpers/server';
import { readCatalogSource } from '../../cloudfunctions/lib/catalog/source';

let server: TestServer;
const source = readCatalogSource();
const guide = (action: string, data?: unknown) => server.call('guide', action, data);

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('guide.list', () => {
  it('lists every matter and the categories with their counts', async () => {
    const { body } = await guide('list', {});
    expect(body.data.version).toBe(source.version);
    expect(body.data.matters).toHaveLength(source.matters.length);
    expect(body.data.matters[0]).toEqual({ code: source.matters[0].code, title: source.matters[0].title, category: source.matters[0].category });
    const total = body.data.categories.reduce((s: number, c: { count: number }) => s + c.count, 0);
    expect(total).toBe(source.matters.length);
    for (const c of body.data.categories) expect(c).toEqual(expect.objectContaining({ code: expect.any(String), name: expect.any(String), count: expect.any(Number) }));
  });
});

describe('guide.get', () => {
  it('returns a matter with every field of the contract', async () => {
    const { status, body } = await guide('get', { code: 'dibao' });
    expect(status).toBe(200);
    const m = body.data;
    expect(m.code).toBe('dibao');
    expect(m.title).toBe('最低生活保障申请');
    expect(m.category).toBe('minzheng');
    expect(typeof m.basis).toBe('string');
    expect(m.materials.length).toBeGreaterThan(0);
    expect(m.steps.length).toBeGreaterThan(1);
    expect(m.timeLimit.workingDays).toBeGreaterThan(0);
    expect(typeof m.where).toBe('string');
    expect(m.onTheSpot).toBe(false);
    expect(typeof m.doorstep).toBe('boolean');
    expect(m.related).toContain('temporary-assistance');
  });

  it('adds sources (title and 文号 or link), review metadata and the legal time limit (contract: guide content you can trust)', async () => {
    for (const m of source.matters) {
      const { body } = await guide('get', { code: m.code });
      const got = body.data;
      expect(got.sources.length).toBeGreaterThan(0);
      for (const s of got.sources) {
        expect(typeof s.title).toBe('string');
        expect(Boolean(s.docNo || s.url)).toBe(true);
      }
      expect(got.review).toEqual(
        expect.objectContaining({ reviewedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), nextReviewDue: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), status: expect.stringMatching(/^(draft|reviewed|stale)$/) }),
      );
      expect(got.timeLimit.workingDays).toBe(m.timeLimit.workingDays);
    }
    const permit = (await guide('get', { code: 'residence-permit' })).body.data;
    expect(permit.timeLimit.legal).toEqual(expect.objectContaining({ value: 15, unit: 'day', source: expect.objectContaining({ title: '居住证暂行条例', docNo: '国务院令第663号' }) }));
    expect(permit.sources).toEqual(expect.arrayContaining([expect.objectContaining({ title: '居住证暂行条例', field: 'materials', article: '第九条' })]));
  });

  it('shows a review as stale once its next review date has passed (by the call’s clock)', async () => {
    const m = source.matters.find((x) => x.code === 'residence-permit')!;
    const due = m.review!.nextReviewDue;
    const on = async (day: string) => (await server.call('guide', 'get', { code: m.code }, { 'x-now': `${day}T04:00:00Z` })).body.data.review;
    expect(await on(due)).toEqual(expect.objectContaining({ status: m.review!.status, reviewedAt: m.review!.reviewedAt }));
    const next = new Date(Date.parse(`${due}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const late = await on(next);
    expect(late.status).toBe('stale');
    expect(late.reasons.join()).toContain(due);
  });

  it('answers an unknown code with NOT_FOUND and a malformed one with BAD_REQUEST', async () => {
    const missing = await guide('get', { code: 'no-such-matter' });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toEqual(expect.objectContaining({ code: 'NOT_FOUND', field: 'data.code' }));
    const bad = await guide('get', { code: '../../etc/passwd' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('data.code');
    expect((await guide('get', {})).body.error.field).toBe('data.code');
  });
});

describe('guide.search', () => {
  const first = async (q: string) => (await guide('search', { q })).body.data.results[0]?.code;

  it.each([
    ['最低生活保障', 'dibao'],
    ['12348', 'legal-aid'], // the legal-aid hotline, an alias
    ['低保', 'dibao'],
    ['dibao', 'dibao'],
    ['db', 'dibao'],
    ['退休验证', 'pension-certification'],
    ['tuixiuyanzheng', 'pension-certification'],
    ['异地就医', 'medical-remote-filing'],
    ['ydjy', 'medical-remote-filing'],
    ['居住证', 'residence-permit'],
    ['育儿补贴', 'childcare-subsidy'],
    ['残疾人证', 'disability-card'],
    ['法律援助', 'legal-aid'],
  ])('%s → %s', async (q, code) => {
    expect(await first(q)).toBe(code);
  });

  it('finds matters from colloquial aliases', async () => {
    for (const m of source.matters) for (const alias of m.aliases) expect((await guide('search', { q: alias })).body.data.results.map((r: { code: string }) => r.code)).toContain(m.code);
  });

  it('returns results best first with the contract fields', async () => {
    const { body } = await guide('search', { q: '医保' });
    expect(body.data.results.length).toBeGreaterThan(1);
    expect(Object.keys(body.data.results[0]).sort()).toEqual(['category', 'code', 'title']);
  });

  it('answers an out-of-catalog ask with where to go (answers), and no wrong matter', async () => {
    const { body } = await guide('search', { q: '身份证丢了' });
    expect(body.data.results).toEqual([]);
    expect(body.data.answers[0]).toEqual(expect.objectContaining({ type: 'where', code: 'id-card', office: expect.stringContaining('派出所') }));
    expect((await guide('search', { q: '低保' })).body.data.answers).toEqual([]);
  });

  it('leads an urgent problem to 随手拍 with the emergency line', async () => {
    const { body } = await guide('search', { q: '燃气漏气' });
    expect(body.data.answers[0]).toEqual(expect.objectContaining({ type: 'report', category: 'ranqi', urgent: true, emergency: expect.objectContaining({ phone: '119' }) }));
  });

  it('rejects an empty or oversized query', async () => {
    expect((await guide('search', { q: '   ' })).status).toBe(400);
    const long = await guide('search', { q: 'a'.repeat(101) });
    expect(long.status).toBe(400);
    expect(long.body.error.message).toContain('100');
    expect((await guide('search', { q: 'a'.repeat(100) })).status).toBe(200);
  });
});

describe('guide.lifeEvent', () => {
  it('lists the life events with the guide and returns one with its matters and merged materials', async () => {
    const list = (await guide('list', {})).body.data;
    expect(list.lifeEvents.map((e: { code: string }) => e.code)).toEqual(['birth', 'school', 'job-loss', 'retirement', 'after-death']);
    const { status, body } = await guide('lifeEvent', { code: 'job-loss' });
    expect(status).toBe(200);
    expect(body.data.title).toBe('就业失业一件事');
    expect(body.data.matters.map((m: { code: string }) => m.code)).toEqual(['unemployment-registration', 'unemployment-benefit', 'flexible-insurance', 'employment-difficulty']);
    const names = body.data.materials.map((m: { name: string }) => m.name);
    expect(new Set(names).size).toBe(names.length);
    expect(body.data.materials[0].for.length).toBe(4);
  });

  it('answers an unknown event with NOT_FOUND', async () => {
    const missing = await guide('lifeEvent', { code: 'no-such-event' });
    expect(missing.status).toBe(404);
    expect(missing.body.error.field).toBe('data.code');
  });
});

describe('guide.scene', () => {
  it('decodes a matter scene, raw or URL-encoded', async () => {
    expect((await guide('scene', { scene: 'm=dibao' })).body.data).toEqual({ type: 'matter', code: 'dibao' });
    expect((await guide('scene', { scene: 'm%3Dlegal-aid' })).body.data).toEqual({ type: 'matter', code: 'legal-aid' });
  });

  it('answers an unknown code with NOT_FOUND and garbage with BAD_REQUEST', async () => {
    expect((await guide('scene', { scene: 'm=no-such-matter' })).status).toBe(404);
    const bad = await guide('scene', { scene: '%%%garbage' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('data.scene');
  });
});

describe('guide.catalog', () => {
  it('sends the catalog with its search index, then only "unchanged" for the same version', async () => {
    const full = (await guide('catalog', {})).body.data;
    expect(full.unchanged).toBe(false);
    expect(full.catalog.matters).toHaveLength(source.matters.length);
    // The index goes packed (a WeChat storage key holds 1 MB): pinyin syllables travel with each field.
    const index = unpackSearchIndex(full.index);
    expect(index.entries).toHaveLength(source.matters.length);
    expect(index.entries[0].fields[0].py).toMatch(/^[a-z]+$/);
    expect((await guide('catalog', { version: full.version })).body.data).toEqual({ version: full.version, unchanged: true });
    expect((await guide('catalog', { version: '2000.1.0' })).body.data.unchanged).toBe(false);
  });
});

describe('guide.catalog summary', () => {
  it('sends what home and search need — no materials, steps or basis — with the packed index and the details version', async () => {
    const res = (await guide('catalog', { summary: true })).body.data;
    expect(res.unchanged).toBe(false);
    expect(res.catalog).toBeUndefined();
    expect(res.version).toBe(source.version);
    const { summary } = res;
    expect(summary.version).toBe(source.version);
    expect(summary.matters).toHaveLength(source.matters.length);
    for (const m of summary.matters) expect(Object.keys(m).sort()).toEqual(['category', 'code', 'doorstep', 'onTheSpot', 'summary', 'title']);
    const dibao = source.matters.find((m) => m.code === 'dibao')!;
    expect(summary.matters.find((m: { code: string }) => m.code === 'dibao')).toEqual({
      code: 'dibao', title: dibao.title, category: dibao.category, summary: dibao.summary, onTheSpot: dibao.onTheSpot, doorstep: dibao.doorstep,
    });
    expect(summary.categories).toEqual(source.categories);
    expect(summary.lifeEvents).toEqual(source.lifeEvents);
    // Aliases travel in the index, so the device still finds a matter by its colloquial name.
    const index = unpackSearchIndex(res.index);
    expect(index.entries).toHaveLength(source.matters.length);
    expect(index.entries.find((e) => e.code === 'dibao')!.fields.some((f) => f.text === '吃低保' || dibao.aliases.includes(f.text))).toBe(true);
    // Far smaller than the whole catalog it stands for.
    const full = (await guide('catalog', {})).body.data;
    expect(JSON.stringify(summary).length).toBeLessThan(JSON.stringify(full.catalog).length / 4);
    // The details version is guide.get's, the catalog version with the local rules' hash.
    expect(res.detailsVersion).toMatch(new RegExp(`^${source.version.replace(/\./g, '\\.')}-[0-9a-f]{8}$`));
    expect((await guide('get', { code: 'dibao' })).body.data.detailsVersion).toBe(res.detailsVersion);
  });

  it('answers "unchanged" for the version the device has, still telling the details version', async () => {
    const first = (await guide('catalog', { summary: true })).body.data;
    expect((await guide('catalog', { summary: true, version: first.version })).body.data).toEqual({ version: first.version, unchanged: true, detailsVersion: first.detailsVersion });
    expect((await guide('catalog', { summary: true, version: '2000.1.0' })).body.data.summary.matters).toHaveLength(source.matters.length);
  });

  it('refuses a summary flag that is not a boolean, naming the field', async () => {
    const bad = await guide('catalog', { summary: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('data.summary');
  });
});

describe('QR codes', () => {
  it('serves a PNG of the H5 link for every matter', async () => {
    const res = await fetch(`${server.url}/qr/matter/dibao.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  }, 30_000); // the first QR drawing takes seconds on a loaded machine

  it('answers unknown and malformed codes with the envelope', async () => {
    const missing = await fetch(`${server.url}/qr/matter/no-such-matter.png`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('NOT_FOUND');
    expect((await fetch(`${server.url}/qr/matter/DIBAO.png`)).status).toBe(400);
  });

  it('returns the scene, page and link from guide.qr', async () => {
    const { body } = await guide('qr', { code: 'dibao' });
    expect(body.data).toEqual(expect.objectContaining({ scene: 'm=dibao', page: 'pages/matter/index', link: `${server.url}/?m=dibao` }));
    expect(body.data.image).toMatch(/^data:image\/png;base64,/);
  });

  it('prints a poster sheet with one card per matter', async () => {
    const res = await fetch(`${server.url}/qr/posters`);
    const html = await res.text();
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(html.match(/<figure class="card">/g)).toHaveLength(source.matters.length);
    expect(html).toContain('/qr/matter/dibao.png');
    expect(html).toContain('最低生活保障');
  });
});

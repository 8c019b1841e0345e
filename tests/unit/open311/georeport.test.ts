import fs from 'node:fs';
import path from 'node:path';
import { georeportMapper, NO_PUBLIC_TEXT, type PublishedSource } from '@qgt/shared/open311/georeport';
import { parseDeployment } from '@qgt/shared/domain/deployment';
import { readCatalogSource } from '../../../cloudfunctions/lib/catalog/source';
import { REPO_ROOT } from '../../../cloudfunctions/lib/server/config';

/**
 * `noPublicText`: a deployment can keep residents' words out of the public feed for chosen
 * categories (issue 19, "or publish no free text for a category"). The fixture is the demo
 * deployment with 物业 (wuye) reports, which tend to name neighbours, marked so.
 */
const demo = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'deployments/demo.json'), 'utf8'));
const quietDemo = { ...demo, subdistrict: { ...demo.subdistrict, noPublicText: ['wuye'] } };
const { data } = parseDeployment(quietDemo, 'demo.json (noPublicText: wuye)');
const catalog = readCatalogSource();
const community = data.communities[0].code;

const report = (category: string, description: string): PublishedSource => ({
  id: `r-${category}`,
  kind: 'report',
  status: 'assigned',
  category,
  description,
  title: `随手拍·${category}`,
  community,
  createdAt: '2026-10-09T00:00:00.000Z',
  dueAt: '2026-10-10T00:00:00.000Z',
  timeline: [],
  version: 1,
});

const TEXT = '楼上李建国师傅家漏水到3栋2单元501，电话13912345678';

describe('Open311 feed: categories without public text', () => {
  it('keeps the field through the deployment schema', () => {
    expect(data.subdistrict?.noPublicText).toStrictEqual(['wuye']);
  });

  it('publishes a report in such a category with the placeholder instead of the resident’s words', () => {
    const map = georeportMapper({ tz: 'Asia/Shanghai', catalog, ...data });
    const published = map.toRequest(report('wuye', TEXT));
    expect(published.description).toBe(NO_PUBLIC_TEXT);
    expect(published.description).toBe('（内容不公开）');
    expect(published.service_name).toBe(data.reportCategories.find((c) => c.code === 'wuye')!.name);
    // Still published: the category, status and place are public, only the words are not.
    expect(map.published({ category: 'wuye' })).toBe(true);
  });

  it('publishes other categories masked, as before', () => {
    const map = georeportMapper({ tz: 'Asia/Shanghai', catalog, ...data });
    expect(map.toRequest(report('shizheng', TEXT)).description).toBe('楼上***师傅家漏水到3栋2单元***，电话139****5678');
  });

  it('publishes every category masked when the deployment marks none', () => {
    const plain = parseDeployment(demo, 'demo.json').data;
    const map = georeportMapper({ tz: 'Asia/Shanghai', catalog, ...plain });
    expect(map.toRequest(report('wuye', TEXT)).description).toBe('楼上***师傅家漏水到3栋2单元***，电话139****5678');
  });

  it('rejects a code that is not one', () => {
    expect(() => parseDeployment({ ...demo, subdistrict: { ...demo.subdistrict, noPublicText: ['物 业!'] } }, 'bad.json')).toThrow(/noPublicText/);
  });
});

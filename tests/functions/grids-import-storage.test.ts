/**
 * admin.grids.import past CloudBase's 100 KB call payload: the GeoJSON goes through storage (the
 * client uploads it and passes the fileID), as catalog.publish does. Run on the built bundle
 * against the fake CloudBase, which refuses the inline call.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildFunctions, FUNCTIONS_DIST } from '../../scripts/build-functions';
import { CALL_PAYLOAD_LIMIT } from '../../shared/src/limits';
import type { FakeCloudbase } from '../fakes/cloudbase-server';
import { bundleEnv, contextFor, startSeededCloudbase } from './cloudbase-fixture';

jest.setTimeout(120_000);

type Main = (event: unknown, context: unknown) => Promise<any>;
let fake: FakeCloudbase;
const saved = { ...process.env };
const admin = () => (require(path.join(FUNCTIONS_DIST, 'admin', 'index.js')) as { main: Main }).main;

/** A grid drawn with many vertices (a surveyed boundary), ~65 KB as JSON. */
function detailedGrid(code: string, lng = 103.634) {
  const ring: number[][] = [];
  const n = 1500;
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    // Full double precision, as GIS exports write it.
    ring.push([lng + 0.002 * Math.cos(a), 30.992 + 0.002 * Math.sin(a)]);
  }
  ring.push(ring[0]);
  return { type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties: { code, name: '锦绣新苑', community: 'demo-community', worker: 'demo-worker-3' } };
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(FUNCTIONS_DIST, 'admin', 'index.js'))) await buildFunctions(['admin']);
  fake = await startSeededCloudbase();
  Object.assign(process.env, bundleEnv(fake));
});

afterAll(async () => {
  process.env = saved;
  await fake?.close();
});

it('imports a GeoJSON file too large for a call through storage, and records the file in the audit trail', async () => {
  const fc = { type: 'FeatureCollection', features: [detailedGrid('G4'), detailedGrid('G5', 103.644)] };
  expect(Buffer.byteLength(JSON.stringify({ action: 'grids.import', data: fc }))).toBeGreaterThan(CALL_PAYLOAD_LIMIT); // refused inline on CloudBase
  const fileId = 'cloud://test-env.bucket/grids/demo-admin/1.json';
  fake.files.set(fileId, Buffer.from(JSON.stringify(fc)));
  const event = { action: 'grids.import', data: { type: 'FeatureCollection', fileId } };
  expect(Buffer.byteLength(JSON.stringify(event))).toBeLessThan(CALL_PAYLOAD_LIMIT);
  expect(await admin()(event, contextFor('demo-admin'))).toEqual({ ok: true, data: { imported: 2 } });
  const grids = (await admin()({ action: 'grids.list', data: {} }, contextFor('demo-admin'))).data.items;
  expect(grids.find((g: { code: string }) => g.code === 'G4')).toMatchObject({ worker: 'demo-worker-3', geometry: { type: 'Polygon' } });
  const audit = (await admin()({ action: 'audit.list', data: { action: 'admin.grids.import' } }, contextFor('demo-street-admin'))).data.items;
  expect(audit[0]).toMatchObject({ actor: 'demo-admin', target: fileId });
});

it.each([
  ['not JSON', '{"type": "FeatureCollection"', /不是有效的 JSON/],
  ['not a FeatureCollection', JSON.stringify({ type: 'FeatureCollection', features: [] }), /网格文件有误/],
])('refuses a file that is %s with a 400 on data.fileId', async (_label, content, message) => {
  const fileId = `cloud://test-env.bucket/grids/demo-admin/${Math.random().toString(36).slice(2)}.json`;
  fake.files.set(fileId, Buffer.from(content));
  const reply = await admin()({ action: 'grids.import', data: { type: 'FeatureCollection', fileId } }, contextFor('demo-admin'));
  expect(reply.error).toEqual(expect.objectContaining({ code: 'BAD_REQUEST', field: 'data.fileId', message: expect.stringMatching(message) }));
});

it('refuses a missing file, both the features and a file, and neither', async () => {
  const missing = await admin()({ action: 'grids.import', data: { type: 'FeatureCollection', fileId: 'cloud://test-env.bucket/grids/none.json' } }, contextFor('demo-admin'));
  expect(missing.error).toEqual(expect.objectContaining({ code: 'BAD_REQUEST', field: 'data.fileId' }));
  const both = await admin()({ action: 'grids.import', data: { type: 'FeatureCollection', fileId: 'cloud://x/y.json', features: [detailedGrid('G5')] } }, contextFor('demo-admin'));
  expect(both.error).toEqual(expect.objectContaining({ code: 'BAD_REQUEST', field: 'data.fileId' }));
  const neither = await admin()({ action: 'grids.import', data: { type: 'FeatureCollection' } }, contextFor('demo-admin'));
  expect(neither.error).toEqual(expect.objectContaining({ code: 'BAD_REQUEST', field: 'data.features' }));
});

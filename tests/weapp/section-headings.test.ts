import fs from 'node:fs';
import path from 'node:path';
import { bootApp, textOf, waitFor, WEAPP_DIST, type WeappHarness } from './harness';
import { FIRST_LOAD_MS } from './real-backend';
import { cloudOf, testBackend } from './real-ops';

/**
 * Issue 20 on weapp: section titles reach WeChat's screen reader as level-2 headings. The simulator
 * drops attributes it does not know, so this reads what WeChat would render: each node's data as
 * the runtime sends it, through the built template (`aria-role="{{i.p8||''}}"`). Taro sends
 * attributes under aliases from the runtime's table and the template reads aliases from the
 * build's; lib/weappAria.ts keeps the two alike (without it every aria value arrived as "").
 */

jest.setTimeout(30_000);

let h: WeappHarness | undefined;
afterEach(() => h?.closeAll());

interface DataNode {
  nn?: string;
  cl?: string;
  cn?: DataNode[];
  [alias: string]: unknown;
}

const BASE_WXML = fs.readFileSync(path.join(WEAPP_DIST, 'base.wxml'), 'utf8');

/** The value WeChat renders for `attr` on a node: its template's expression `{{i.<alias>||''}}`. */
function rendered(node: DataNode, attr: string): string {
  const tmpl = new RegExp(`<template name="tmpl_0_${node.nn}">\\s*<[a-z-]+([^>]*)>`).exec(BASE_WXML);
  if (!tmpl) throw new Error(`no template for node type ${node.nn}`);
  const alias = new RegExp(`\\s${attr}="\\{\\{i\\.(\\w+)\\|\\|''\\}\\}"`).exec(tmpl[1]);
  if (!alias) return `(template of ${node.nn} has no ${attr})`;
  return String(node[alias[1]] ?? '');
}

function findAll(node: DataNode, match: (n: DataNode) => boolean, out: DataNode[] = []): DataNode[] {
  if (match(node)) out.push(node);
  for (const c of node.cn ?? []) findAll(c, match, out);
  return out;
}

const textIn = (n: DataNode): string => (typeof n.v === 'string' ? n.v : (n.cn ?? []).map(textIn).join(''));

it('the home page’s section titles render as aria-role heading, aria-level 2', async () => {
  h = bootApp({ ...cloudOf(testBackend()) });
  const page = await h.open('/pages/index/index');
  await waitFor(() => textOf(page).includes('常办事项'), FIRST_LOAD_MS);
  const root = page.instance.data.root as DataNode;
  const titles = findAll(root, (n) => (n.cl ?? '').split(' ').includes('section-title'));
  expect(titles.map(textIn)).toEqual(expect.arrayContaining(['办事分类', '常办事项']));
  for (const t of titles) expect({ title: textIn(t), role: rendered(t, 'aria-role'), level: rendered(t, 'aria-level') }).toEqual({ title: textIn(t), role: 'heading', level: '2' });
  // The category tiles (components/Tap) come through the same way: buttons.
  const tile = findAll(root, (n) => (n.cl ?? '').split(' ').includes('category-grid__item'))[0];
  expect(rendered(tile, 'aria-role')).toBe('button');
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import madge from 'madge';

/**
 * No import circles across the client, the functions and shared: a circle makes load order decide
 * what is `undefined`, and hides which module owns what. Type-only imports count too (they are
 * still a design circle). madge parses the sources; nothing is bundled or run.
 */

const ROOT = path.resolve(__dirname, '../../..');
const TS_CONFIG = {
  compilerOptions: { baseUrl: ROOT, moduleResolution: 'node', jsx: 'react-jsx', paths: { '@qgt/shared/*': ['shared/src/*'] } },
};

async function circlesIn(roots: string[], baseDir: string) {
  const graph = await madge(roots, {
    baseDir,
    fileExtensions: ['ts', 'tsx'],
    tsConfig: TS_CONFIG,
    excludeRegExp: [/node_modules/, /\.d\.ts$/, /(^|\/)dist\//, /\.test\.tsx?$/],
    detectiveOptions: { ts: { skipTypeImports: false }, tsx: { skipTypeImports: false } },
  });
  return { graph: graph.obj(), circles: graph.circular().map((c) => c.join(' → ')) };
}

describe('import circles', () => {
  it('client/src, cloudfunctions and shared/src import each other without circles', async () => {
    const { graph, circles } = await circlesIn(['client/src', 'cloudfunctions', 'shared/src'], ROOT);
    // The graph really covers the three trees and follows the @qgt/shared alias.
    const files = Object.keys(graph);
    expect(files.filter((f) => f.startsWith('client/src/')).length).toBeGreaterThan(50);
    expect(files.filter((f) => f.startsWith('cloudfunctions/')).length).toBeGreaterThan(50);
    expect(graph['client/src/api/types.ts']).toContain('shared/src/functions.ts');
    expect(circles).toEqual([]);
  }, 180_000);

  it('finds a circle when there is one (the check is not vacuous)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qgt-circles-'));
    fs.writeFileSync(path.join(dir, 'a.ts'), "import { b } from './b';\nexport const a = () => b;\n");
    fs.writeFileSync(path.join(dir, 'b.ts'), "import type { a } from './a';\nexport const b = 1 as unknown as typeof a;\n");
    try {
      expect((await circlesIn([dir], dir)).circles).toEqual(['a.ts → b.ts']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

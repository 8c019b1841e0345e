import fs from 'node:fs';
import path from 'node:path';
import { CatalogSchema, type Catalog } from '@qgt/shared/catalog/schema';

/** Where the versioned catalog data lives in the repository. */
export const CATALOG_DATA_DIR = path.resolve(__dirname, '../../../shared/src/catalog/data');

/**
 * Reads the catalog data files (index.json + matters/*.json) and validates them.
 * Used to seed a store and by build scripts; handlers read the published catalog from the store.
 */
export function readCatalogSource(dir = CATALOG_DATA_DIR): Catalog {
  const index = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8')) as { version: unknown; categories: unknown[] };
  const mattersDir = path.join(dir, 'matters');
  const matters = fs
    .readdirSync(mattersDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => JSON.parse(fs.readFileSync(path.join(mattersDir, f), 'utf8')) as unknown[]);
  // Matters in the categories' display order, so lists and examples start where residents look first.
  const order = new Map((index.categories as { code?: string; order?: number }[]).map((c) => [c.code, c.order ?? 0]));
  const rank = (m: unknown) => order.get((m as { category?: string }).category) ?? Number.MAX_SAFE_INTEGER;
  matters.sort((a, b) => rank(a) - rank(b));
  // 去哪办 answers, life events and query synonyms sit beside the matters, each in its own file.
  const optional = (file: string) => (fs.existsSync(path.join(dir, file)) ? JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) : undefined);
  const words = (optional('synonyms.json') as { words?: Record<string, unknown> } | undefined)?.words;
  const parsed = CatalogSchema.safeParse({
    version: index.version,
    categories: index.categories,
    matters,
    places: optional('places.json'),
    lifeEvents: optional('life-events.json'),
    synonyms: words && Object.entries(words).map(([word, variants]) => ({ word, variants })),
  });
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`catalog data invalid at ${first.path.join('.')}: ${first.message}`);
  }
  return parsed.data;
}

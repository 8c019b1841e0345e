/**
 * `npm run bench`: every speed and size goal, measured in one run and printed side by side
 * with its goal, so ratios compare figures from the same machine and moment.
 */
import { benchSearch } from './search';
import { benchSizes } from './sizes';
import { benchRouting } from './routing';
import { benchHttp } from './http';
import { benchMetrics } from './metrics';
import { printTable, type Row } from './stats';

async function main() {
  const rows: Row[] = [...benchSearch(), ...benchRouting(), ...(await benchHttp()), ...(await benchSizes()), ...(await benchMetrics())];
  printTable(rows);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

import { configFromEnv } from './config';
import { startLocalServer } from './start';
import { loadCatalog } from '../catalog/published';

/** `npm run server`: the local server on the embedded store, seeded on first start. */
async function main() {
  const config = configFromEnv();
  const server = await startLocalServer(config);
  const shutdown = () => server.close().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  const example = (await loadCatalog(server.store)).catalog.matters[0].code;
  server.app.log.info({ url: server.url, dataDir: config.dataDir, production: config.production }, 'ready');
  process.stdout.write(`\n  全岗通 local server ready: ${server.url}\n  open a matter: ${server.url}/?m=${example}\n  QR posters:    ${server.url}/qr/posters\n\n`);
}

main().catch((e) => {
  process.stderr.write(`failed to start: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});

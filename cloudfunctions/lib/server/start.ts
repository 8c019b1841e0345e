import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from './config';
import { buildServer } from './app';
import { openEmbeddedStore } from '../store/embedded';
import { seedIfEmpty } from '../seed/demo';
import { syncCatalogFromSource } from '../catalog/publish';
import type { Store } from '../store/port';
import { startLocalTimer } from '../timer/tick';
import { localPlatform } from '../platform/local';

export interface RunningServer {
  app: FastifyInstance;
  store: Store;
  url: string;
  close(): Promise<void>;
}

/** Opens the embedded store under DATA_DIR, seeds it if empty, brings its catalog up to date, and listens. */
export async function startLocalServer(config: ServerConfig): Promise<RunningServer> {
  const store = openEmbeddedStore(config.dataDir);
  await syncCatalogFromSource(store, new Date());
  await seedIfEmpty(store, config.seed, new Date());
  const app = await buildServer({ config, store });
  await app.listen({ port: config.port, host: config.host });
  const url = config.publicUrl ?? `http://${config.shownHost}:${(app.server.address() as { port: number }).port}`;
  // The deadline timer and outbox sweep, every TICK_SECONDS (60; off under NODE_ENV=test unless set).
  const tickSeconds = Number(process.env.TICK_SECONDS ?? (process.env.NODE_ENV === 'test' ? 0 : 60));
  const stopTimer = tickSeconds > 0 ? startLocalTimer({ store, log: app.log, platform: localPlatform(() => url) }, tickSeconds) : () => undefined;
  return {
    app,
    store,
    url,
    async close() {
      stopTimer();
      await app.close();
      await store.close();
    },
  };
}

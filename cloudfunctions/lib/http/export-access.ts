/**
 * HTTP access service: CSV and xlsx exports (the admin function).
 */
import { registerExportRoutes } from '../server/export-routes';
import { clock, servePrefixes, type Registrar } from './serve';

export const REGISTRARS: Record<string, Registrar> = {
  '/admin/export': ({ host, deps }) => registerExportRoutes(host, { store: deps.store, platform: deps.platform, production: true, clock, log: deps.log }),
};

export const answerHttpAccess = servePrefixes(REGISTRARS);

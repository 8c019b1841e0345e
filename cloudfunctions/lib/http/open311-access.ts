/**
 * HTTP access service: Open311 GeoReport v2 (the requests function).
 */
import { registerOpen311Routes } from '../server/open311-routes';
import { clock, servePrefixes, type Registrar } from './serve';

export const REGISTRARS: Record<string, Registrar> = {
  '/open311': ({ host, deps, origin }) =>
    registerOpen311Routes(host, { store: deps.store, production: true, clock, log: deps.log, platform: deps.platform, origin: () => origin }),
};

export const answerHttpAccess = servePrefixes(REGISTRARS);

/**
 * HTTP access service: The printable 一次性告知单 (the desk function).
 */
import { registerNoticeRoutes } from '../server/notice-routes';
import { clock, servePrefixes, type Registrar } from './serve';

export const REGISTRARS: Record<string, Registrar> = {
  '/desk/notice': ({ host, deps }) => registerNoticeRoutes(host, { store: deps.store }),
};

export const answerHttpAccess = servePrefixes(REGISTRARS);

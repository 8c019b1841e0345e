// CloudBase entry of the `admin` function.
import { cloudbaseMain } from '../lib/platform/cloudbase-entry';
import { adminHandlers } from './handlers';

export const main = cloudbaseMain('admin', adminHandlers, { http: () => import('../lib/http/export-access') });

// CloudBase entry of the `desk` function.
import { cloudbaseMain } from '../lib/platform/cloudbase-entry';
import { deskHandlers } from './handlers';

export const main = cloudbaseMain('desk', deskHandlers, { http: () => import('../lib/http/notice-access') });

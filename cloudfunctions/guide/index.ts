// CloudBase entry of the `guide` function.
import { cloudbaseMain } from '../lib/platform/cloudbase-entry';
import { guideHandlers } from './handlers';

export const main = cloudbaseMain('guide', guideHandlers, { http: () => import('../lib/http/qr-access') });

// CloudBase entry of the `requests` function.
import { cloudbaseMain } from '../lib/platform/cloudbase-entry';
import { requestsHandlers } from './handlers';

export const main = cloudbaseMain('requests', requestsHandlers, { mediaCheckAction: 'mediaChecked', http: () => import('../lib/http/open311-access') });

// CloudBase entry of the `visits` function.
import { cloudbaseMain } from '../lib/platform/cloudbase-entry';
import { visitsHandlers } from './handlers';

export const main = cloudbaseMain('visits', visitsHandlers);

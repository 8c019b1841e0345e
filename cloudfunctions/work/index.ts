// CloudBase entry of the `work` function.
import { cloudbaseMain } from '../lib/platform/cloudbase-entry';
import { workHandlers } from './handlers';

export const main = cloudbaseMain('work', workHandlers);

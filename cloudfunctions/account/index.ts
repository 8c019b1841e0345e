// CloudBase entry of the `account` function.
import { cloudbaseMain } from '../lib/platform/cloudbase-entry';
import { accountHandlers } from './handlers';

export const main = cloudbaseMain('account', accountHandlers);

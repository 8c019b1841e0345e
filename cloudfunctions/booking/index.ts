// CloudBase entry of the `booking` function.
import { cloudbaseMain } from '../lib/platform/cloudbase-entry';
import { bookingHandlers } from './handlers';

export const main = cloudbaseMain('booking', bookingHandlers);

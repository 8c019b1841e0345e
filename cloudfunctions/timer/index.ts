// CloudBase entry of the `timer` function; its timer trigger's event runs `tick` as the system.
import { cloudbaseMain } from '../lib/platform/cloudbase-entry';
import { timerHandlers } from './handlers';

export const main = cloudbaseMain('timer', timerHandlers, { timerAction: 'tick' });

import type { HandlerTable } from './lib/runtime/handler';
import { accountHandlers } from './account/handlers';
import { guideHandlers } from './guide/handlers';

/** Every cloud function by name: the local server routes `POST /api/<name>` here, the build bundles each. */
export const FUNCTIONS: Record<string, HandlerTable> = {
  account: accountHandlers,
  guide: guideHandlers,
};

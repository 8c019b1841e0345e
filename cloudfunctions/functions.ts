import type { HandlerTable } from './lib/runtime/handler';
import { guideHandlers } from './guide/handlers';

/** Every cloud function by name: the local server routes `POST /api/<name>` here, the build bundles each. */
export const FUNCTIONS: Record<string, HandlerTable> = {
  guide: guideHandlers,
};

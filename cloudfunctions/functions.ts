import type { HandlerTable } from './lib/runtime/handler';
import { accountHandlers } from './account/handlers';
import { guideHandlers } from './guide/handlers';
import { requestsHandlers } from './requests/handlers';
import { bookingHandlers } from './booking/handlers';
import { workHandlers } from './work/handlers';
import { adminHandlers } from './admin/handlers';
import { timerHandlers } from './timer/handlers';
import { visitsHandlers } from './visits/handlers';
import { deskHandlers } from './desk/handlers';

/** Every cloud function by name: the local server routes `POST /api/<name>` here, the build bundles each. */
export const FUNCTIONS: Record<string, HandlerTable> = {
  account: accountHandlers,
  guide: guideHandlers,
  requests: requestsHandlers,
  booking: bookingHandlers,
  work: workHandlers,
  admin: adminHandlers,
  timer: timerHandlers,
  visits: visitsHandlers,
  desk: deskHandlers,
};

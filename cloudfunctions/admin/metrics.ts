import { MetricsInput } from '@qgt/shared/admin/api';
import type { MetricsView } from '@qgt/shared/metrics/views';
import { action, type HandlerTable } from '../lib/runtime/handler';
import { loadViewer } from '../lib/requests/access';
import { computeMetrics } from '../lib/metrics/metrics';

/** `admin.metrics` (the dashboard): admins only, over the communities they run (a 街道 admin: all of the 街道's). */
export const metricsHandlers = {
  metrics: action({
    input: MetricsInput,
    access: ['admin'],
    async run({ ctx, caller, input }): Promise<MetricsView> {
      return computeMetrics(ctx, await loadViewer(ctx, caller), input);
    },
  }),
} satisfies HandlerTable;

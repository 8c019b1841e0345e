import { MetricsInput, type MetricsView } from '@qgt/shared/metrics/api';
import { action, type HandlerTable } from '../lib/runtime/handler';
import { computeMetrics } from '../lib/metrics/metrics';
import { loadViewer } from '../lib/runtime/caller';

/** `admin.metrics` (the dashboard): admins only, over the communities they run (a 街道 admin: all of the 街道's). */
export const metricsHandlers = {
  metrics: action({
    input: MetricsInput,
    access: ['admin'],
    rate: null,
    async run({ ctx, caller, input }): Promise<MetricsView> {
      return computeMetrics(ctx, caller, input);
    },
  }),
} satisfies HandlerTable;

import { VisitsInput } from '@qgt/shared/visits/api';
import { action, type HandlerTable } from '../lib/runtime/handler';
import { listHouseholds, listVisits, logVisit, upsertHousehold, visitTargets, visitsHome } from '../lib/visits/visits';

/**
 * 下沉网格: visit logs, 包保 key households and the model's targets. Workers see only their own;
 * admins their communities; residents 403 (by role), anonymous 401.
 */
export const visitsHandlers = {
  log: action({
    input: VisitsInput.log,
    access: ['worker'],
    rate: 'write',
    audit: true,
    run: ({ ctx, caller, input }) => logVisit(ctx, caller, input),
  }),

  mine: action({
    input: VisitsInput.mine,
    access: ['worker', 'admin'],
    rate: null,
    run: ({ ctx, caller, input }) => listVisits(ctx, caller, input),
  }),

  'households.upsert': action({
    input: VisitsInput['households.upsert'],
    access: ['admin'],
    rate: 'write',
    audit: true,
    run: ({ ctx, caller, input }) => upsertHousehold(ctx, caller, input),
  }),

  'households.list': action({
    input: VisitsInput['households.list'],
    access: ['worker', 'admin'],
    rate: null,
    run: ({ ctx, caller, input }) => listHouseholds(ctx, caller, input),
  }),

  home: action({
    input: VisitsInput.home,
    access: ['worker'],
    rate: null,
    run: ({ ctx, caller }) => visitsHome(ctx, caller),
  }),

  targets: action({
    input: VisitsInput.targets,
    access: ['worker', 'admin'],
    rate: null,
    run: ({ ctx, caller, input }) => visitTargets(ctx, caller, input),
  }),
} satisfies HandlerTable;

import { WorkInput, type WorkOutput } from '@qgt/shared/work/api';
import { action, type HandlerTable } from '../lib/runtime/handler';
import { applyEvent } from '../lib/requests/transitions';
import { escalateRequest, staffDirectory, transferRequest, visitsOfDay, workInbox } from '../lib/requests/work';

/** The grid worker's (and the admin's manual-dispatch) desk: inbox, the request events, today's visits. */
export const workHandlers = {
  inbox: action({
    input: WorkInput.inbox,
    access: ['worker', 'admin'],
    rate: null,
    run: ({ ctx, caller, input }) => workInbox(ctx, caller, input),
  }),

  accept: action({
    input: WorkInput.accept,
    access: ['worker', 'admin'],
    rate: 'write',
    audit: true,
    run: ({ ctx, caller, input }): Promise<WorkOutput['accept']> => applyEvent(ctx, caller, input.id, () => ({ event: { type: 'accept' } })),
  }),

  /** 业务转接单: to whom, why, what was done, what is pending. Only the assignee changes. */
  transfer: action({
    input: WorkInput.transfer,
    access: ['worker', 'admin'],
    rate: 'write',
    audit: true,
    run: ({ ctx, caller, input }) => transferRequest(ctx, caller, input),
  }),

  /** 吹哨报到: a department is called in; the worker stays on it. */
  escalate: action({
    input: WorkInput.escalate,
    access: ['worker', 'admin'],
    rate: 'write',
    audit: true,
    run: ({ ctx, caller, input }) => escalateRequest(ctx, caller, input),
  }),

  resolve: action({
    input: WorkInput.resolve,
    access: ['worker', 'admin'],
    rate: 'write',
    audit: true,
    run: ({ ctx, caller, input }): Promise<WorkOutput['resolve']> => applyEvent(ctx, caller, input.id, () => ({ event: { type: 'resolve', note: input.note } })),
  }),

  /** Internal note: staff only, never shown to the resident. */
  note: action({
    input: WorkInput.note,
    access: ['worker', 'admin'],
    rate: 'write',
    audit: true,
    run: ({ ctx, caller, input }): Promise<WorkOutput['note']> => applyEvent(ctx, caller, input.id, () => ({ event: { type: 'addNote', note: input.note } })),
  }),

  /** The department's answer (department staff or an admin); the request goes back to its worker. */
  returnFromDepartment: action({
    input: WorkInput.returnFromDepartment,
    access: ['worker', 'admin'],
    rate: 'write',
    audit: true,
    run: ({ ctx, caller, input }): Promise<WorkOutput['returnFromDepartment']> =>
      applyEvent(ctx, caller, input.id, () => ({ event: { type: 'returnFromDepartment', note: input.note } })),
  }),

  /** The caller's doorstep visits of one local day (today by default), by start time. */
  visits: action({
    input: WorkInput.visits,
    access: ['worker', 'admin'],
    rate: null,
    run: ({ ctx, caller, input }) => visitsOfDay(ctx, caller, input),
  }),

  directory: action({
    input: WorkInput.directory,
    access: ['worker', 'admin'],
    rate: null,
    run: ({ ctx, caller }) => staffDirectory(ctx, caller),
  }),
} satisfies HandlerTable;

import { RequestsInput, type RequestsOutput } from '@qgt/shared/requests/api';
import { assertCleanText } from '../lib/moderation/text';
import { action, type HandlerTable } from '../lib/runtime/handler';
import { cancelFlow } from '../lib/requests/cancel';
import { createFlow } from '../lib/requests/create';
import { followFlow } from '../lib/requests/follow';
import { applyEvent } from '../lib/requests/transitions';
import { urgeFlow } from '../lib/requests/urge';
import { findDuplicates, getRequest, myRequests, requestPhotos } from '../lib/requests/read';
import { requestOptions } from '../lib/requests/options';

/**
 * Residents' requests (随手拍 reports, doorstep visits, consultations). Workers and admins may use
 * them too: to file on a resident's behalf (`onBehalfOf`) or to read a request they can see.
 */
export const requestsHandlers = {
  create: action({
    input: RequestsInput.create,
    access: 'signedIn',
    rate: 'create',
    audit: true,
    async run({ ctx, caller, input }): Promise<RequestsOutput['create']> {
      return createFlow(ctx, caller, input);
    },
  }),

  duplicates: action({
    input: RequestsInput.duplicates,
    access: 'signedIn',
    rate: null,
    run: ({ ctx, caller, input }) => findDuplicates(ctx, caller, input),
  }),

  follow: action({
    input: RequestsInput.follow,
    access: 'signedIn',
    rate: 'write',
    async run({ ctx, caller, input }): Promise<RequestsOutput['follow']> {
      return followFlow(ctx, caller, input.id, 'data.id');
    },
  }),

  mine: action({
    input: RequestsInput.mine,
    access: 'signedIn',
    rate: null,
    run: ({ ctx, caller }) => myRequests(ctx, caller),
  }),

  photos: action({
    input: RequestsInput.photos,
    access: 'signedIn',
    rate: null,
    run: ({ ctx, caller, input }) => requestPhotos(ctx, caller, input),
  }),
  mediaChecked: action({
    input: RequestsInput.mediaChecked,
    // Only WeChat's push, run as the system by the CloudBase entry; no person applies verdicts.
    access: 'system',
    rate: null,
    audit: { target: (input) => input.traceId },
    run: async ({ ctx, input }): Promise<RequestsOutput['mediaChecked']> => (await import('../lib/moderation/verdicts')).applyImageVerdict(ctx, input.traceId, input.suggest, input.openid),
  }),
  get: action({
    input: RequestsInput.get,
    access: 'signedIn',
    rate: null,
    run: ({ ctx, caller, input }) => getRequest(ctx, caller, input),
  }),

  cancel: action({
    input: RequestsInput.cancel,
    access: 'signedIn',
    rate: 'write',
    audit: true,
    run: ({ ctx, caller, input }): Promise<RequestsOutput['cancel']> => cancelFlow(ctx, caller, input.id, input.reason),
  }),

  rate: action({
    input: RequestsInput.rate,
    access: 'signedIn',
    rate: 'write',
    async run({ ctx, caller, input }): Promise<RequestsOutput['rate']> {
      await assertCleanText(ctx, [{ field: 'data.comment', text: input.comment, scene: 'comment' }]);
      return applyEvent(ctx, caller, input.id, () => ({ event: { type: 'rate', score: input.score, comment: input.comment, outcome: input.outcome } }));
    },
  }),

  urge: action({
    input: RequestsInput.urge,
    access: ['resident'],
    rate: 'write',
    async run({ ctx, caller, input }): Promise<RequestsOutput['urge']> {
      return urgeFlow(ctx, caller, input.id);
    },
  }),

  options: action({
    input: RequestsInput.options,
    access: 'signedIn',
    rate: null,
    run: ({ ctx, caller, input }) => requestOptions(ctx, caller, input),
  }),
} satisfies HandlerTable;


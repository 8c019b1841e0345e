import { RosterInput, type RosterOutput } from '@qgt/shared/admin/rosters';
import { action, type HandlerTable } from '../lib/runtime/handler';
import { loadAdminScope } from '../lib/community/scope';
import { importRoster, previewRoster, rosterTemplate } from '../lib/rosters/rosters';

/** Rosters from Excel (workers, buildings): a template, a preview of every row, then an all-or-nothing import. */
export const rosterHandlers = {
  'rosters.template': action({
    input: RosterInput['rosters.template'],
    access: ['admin'],
    async run({ ctx, caller, input }): Promise<RosterOutput['rosters.template']> {
      await loadAdminScope(ctx, caller);
      return rosterTemplate(input.kind);
    },
  }),

  'rosters.preview': action({
    input: RosterInput['rosters.preview'],
    access: ['admin'],
    async run({ ctx, caller, input }): Promise<RosterOutput['rosters.preview']> {
      return previewRoster(ctx, await loadAdminScope(ctx, caller), input.kind, input.file);
    },
  }),

  'rosters.import': action({
    input: RosterInput['rosters.import'],
    access: ['admin'],
    audit: { target: (input) => input.kind },
    async run({ ctx, caller, input }): Promise<RosterOutput['rosters.import']> {
      return importRoster(ctx, await loadAdminScope(ctx, caller), input.kind, input.file);
    },
  }),
} satisfies HandlerTable;

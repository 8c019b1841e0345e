import { DeskInput, type DeskOutput } from '@qgt/shared/desk/api';
import { action, type HandlerTable } from '../lib/runtime/handler';
import { getRoster, noticeFor, recordWalkin, relatedFor, setRoster, todayAtDesk } from '../lib/desk/desk';
import { fileReport } from '../lib/catalog/reports';

/** 在岗受理 (window desk): walk-ins, 一次性告知单, related advice and the duty roster. Staff only. */
export const deskHandlers = {
  walkin: action({
    input: DeskInput.walkin,
    access: ['worker', 'admin'],
    rate: 'write',
    audit: true,
    async run({ ctx, caller, input }): Promise<DeskOutput['walkin']> {
      return recordWalkin(ctx, caller, input);
    },
  }),

  notice: action({
    input: DeskInput.notice,
    access: ['worker', 'admin'],
    rate: null,
    async run({ ctx, caller, input }): Promise<DeskOutput['notice']> {
      return noticeFor(ctx, caller, input.id);
    },
  }),

  today: action({
    input: DeskInput.today,
    access: ['worker', 'admin'],
    rate: null,
    async run({ ctx, caller, input }): Promise<DeskOutput['today']> {
      return todayAtDesk(ctx, caller, input.matterCode);
    },
  }),

  related: action({
    input: DeskInput.related,
    access: ['worker', 'admin'],
    rate: null,
    async run({ ctx, input }): Promise<DeskOutput['related']> {
      return { matterCode: input.matterCode, items: await relatedFor(ctx, input.matterCode) };
    },
  }),

  /** 值守轮班: admins only. */
  'roster.set': action({
    input: DeskInput['roster.set'],
    access: ['admin'],
    rate: 'write',
    audit: { target: (input) => input.date },
    async run({ ctx, caller, input }): Promise<DeskOutput['roster.set']> {
      return setRoster(ctx, caller, input);
    },
  }),

  'roster.get': action({
    input: DeskInput['roster.get'],
    access: ['worker', 'admin'],
    rate: null,
    async run({ ctx, caller, input }): Promise<DeskOutput['roster.get']> {
      return getRoster(ctx, caller, input);
    },
  }),

  /** 报告错误 on any matter: lands in the admins' review list (admin.catalog.review). */
  reportError: action({
    input: DeskInput.reportError,
    access: ['worker', 'admin'],
    rate: 'write',
    async run({ ctx, caller, input }): Promise<DeskOutput['reportError']> {
      return fileReport(ctx, caller, input);
    },
    audit: true, // the object is the report (its id)
  }),
} satisfies HandlerTable;

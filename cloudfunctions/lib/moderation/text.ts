import { AppError } from '@qgt/shared/errors';
import type { Context } from '../runtime/context';
import type { TextScene } from '../platform/platform';

export const RISKY_MESSAGE = '内容含有违规信息，请修改后再提交';

/**
 * Runs user-written text through the platform's content-security check before it is stored:
 * `risky` is refused naming the field; `review` is accepted and logged (field only, never the text).
 */
export async function assertCleanText(ctx: Context, items: { field: string; text: string | undefined; scene: TextScene }[]): Promise<void> {
  for (const { field, text, scene } of items) {
    if (!text?.trim()) continue;
    ctx.reachedContentCheck = true;
    const verdict = await ctx.platform.checkText({ text, openid: ctx.openid, scene });
    if (verdict === 'risky') throw new AppError('BAD_REQUEST', RISKY_MESSAGE, { field, reason: 'riskyContent' });
    if (verdict === 'review') ctx.log.warn({ field }, 'content flagged for review');
  }
}

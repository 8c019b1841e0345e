/**
 * weapp: Taro's generated templates only forward the attributes each component declares, and
 * none declare WeChat's accessibility attributes (aria-role, aria-label…, base library ≥ 2.7.1).
 * This build plugin adds them to view/text/input/textarea/image so lib/a11y's props reach the screen
 * reader. Values default to '' (WeChat ignores an empty aria attribute).
 */
interface Template {
  mergeComponents(ctx: unknown, patch: Record<string, Record<string, string>>): void;
}
interface PluginContext {
  modifyRunnerOpts(fn: (args: { opts?: { template?: Template; platformType?: string } }) => void): void;
}

const EMPTY = "''";
const ARIA = ['aria-role', 'aria-label', 'aria-selected', 'aria-checked', 'aria-disabled', 'aria-hidden', 'aria-live', 'aria-level', 'aria-modal'];
const FIELD_ARIA = ['aria-label', 'aria-required', 'aria-invalid'];
const attrs = (names: string[]) => Object.fromEntries(names.map((n) => [n, EMPTY]));

export default (ctx: PluginContext) => {
  ctx.modifyRunnerOpts(({ opts }) => {
    if (opts?.platformType !== 'mini' || !opts.template) return;
    opts.template.mergeComponents(ctx, { View: attrs(ARIA), Text: attrs(ARIA), Input: attrs(FIELD_ARIA), Textarea: attrs(FIELD_ARIA), Image: attrs(['aria-role', 'aria-label']) });
  });
};

/**
 * weapp: Taro's generated templates only forward the attributes each component declares, and
 * none declare WeChat's accessibility attributes (aria-role, aria-label…, base library ≥ 2.7.1).
 * This build plugin adds them to view/text/input/textarea/image so lib/a11y's props reach the screen
 * reader. Values default to '' (WeChat ignores an empty aria attribute).
 */
interface Template {
  mergeComponents(ctx: unknown, patch: Record<string, Record<string, string>>): void;
}
/** The mini-program platform calls `ctx.onBuildInit(platform)` before compiling; its template is then final. */
interface PluginContext {
  registerMethod(name: string, fn: (platform: { template?: Template }) => void): void;
}

const EMPTY = "''";
const ARIA = ['aria-role', 'aria-label', 'aria-selected', 'aria-checked', 'aria-disabled', 'aria-hidden', 'aria-live', 'aria-level', 'aria-modal'];
const FIELD_ARIA = ['aria-label', 'aria-required', 'aria-invalid'];
const attrs = (names: string[]) => Object.fromEntries(names.map((n) => [n, EMPTY]));

/**
 * The attributes per Taro component, for both sides of Taro's attribute aliasing: this plugin adds
 * them to the templates and the runtime to its own component table (src/lib/weappAria.ts, which
 * imports this list: Taro transpiles only this file when it loads the plugin). Taro numbers each
 * component's attributes in sorted order (`p0`, `p1`…) on both sides, so the two tables must hold the
 * same names or the template reads the wrong values.
 */
export const WEAPP_ARIA_COMPONENTS: Record<string, Record<string, string>> = {
  View: attrs(ARIA),
  Text: attrs(ARIA),
  Input: attrs(FIELD_ARIA),
  Textarea: attrs(FIELD_ARIA),
  Image: attrs(['aria-role', 'aria-label']),
};

export default (ctx: PluginContext) => {
  ctx.registerMethod('onBuildInit', (platform) => {
    if (!platform?.template?.mergeComponents) return;
    platform.template.mergeComponents(ctx, WEAPP_ARIA_COMPONENTS);
  });
};

/**
 * Accessibility attributes for both targets. H5 uses the WAI-ARIA names (role, aria-*); WeChat's
 * screen reader reads `aria-role` instead of `role` on view/text (base library ≥ 2.7.1), and the
 * weapp template forwards these props (config/aria-plugin.ts).
 */
export type A11yRole = 'button' | 'link' | 'tab' | 'checkbox' | 'radio' | 'switch' | 'img' | 'heading' | 'dialog' | 'alert' | 'status' | 'tablist' | 'radiogroup' | 'group' | 'navigation' | 'main' | 'table' | 'row' | 'columnheader' | 'cell';

export interface A11yState {
  role?: A11yRole;
  label?: string;
  selected?: boolean;
  checked?: boolean;
  disabled?: boolean;
  /** Heading level when role is heading. */
  level?: number;
  /** Announce changes (toasts, errors): polite or assertive. */
  live?: 'polite' | 'assertive';
  hidden?: boolean;
  modal?: boolean;
  /** Sort state of a column header (aria-sort). */
  sort?: 'ascending' | 'descending' | 'none';
}

const bool = (b: boolean | undefined) => (b === undefined ? undefined : b ? 'true' : 'false');

/** The props to spread on a View/Text; undefined values are left out. */
export function a11yProps(s: A11yState): Record<string, string> {
  const weapp = process.env.TARO_ENV === 'weapp';
  const out: Record<string, string | undefined> = {
    [weapp ? 'aria-role' : 'role']: s.role,
    'aria-label': s.label,
    'aria-selected': s.role === 'tab' ? bool(s.selected) : undefined,
    'aria-checked': s.role === 'checkbox' || s.role === 'radio' || s.role === 'switch' ? bool(s.checked) : undefined,
    'aria-disabled': s.disabled ? 'true' : undefined,
    'aria-level': s.level === undefined ? undefined : String(s.level),
    'aria-live': s.live,
    'aria-hidden': s.hidden ? 'true' : undefined,
    'aria-modal': s.modal ? 'true' : undefined,
    'aria-sort': s.role === 'columnheader' ? s.sort : undefined,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as Record<string, string>;
}

/** A text alternative for an Image: H5 puts alt on the inner <img>, WeChat reads aria-label. */
export function imageAlt(text: string): Record<string, unknown> {
  return process.env.TARO_ENV === 'h5' ? { nativeProps: { alt: text } } : { 'aria-role': 'img', 'aria-label': text };
}

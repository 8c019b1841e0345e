import { View } from '@tarojs/components';
import type { CSSProperties, PropsWithChildren } from 'react';
import { a11yProps, type A11yRole } from '../../lib/a11y';
import './index.scss';

interface Props {
  className?: string;
  style?: CSSProperties;
  onClick?: (e: { stopPropagation(): void }) => void;
  /** What it is to a screen reader; a tappable View is a button unless said otherwise. */
  role?: A11yRole;
  /** Chinese name when the content does not say it (an icon, a ×, a star). */
  label?: string;
  /** State of a tab / chip (aria-selected) or a checkbox / radio / switch (aria-checked). */
  selected?: boolean;
  checked?: boolean;
  /** Sort state when it is a column header that sorts (aria-sort). */
  sort?: 'ascending' | 'descending' | 'none';
  disabled?: boolean;
  /** Test hook, e.g. a choice's value. */
  'data-value'?: string;
}

/**
 * A tappable area that is a real control on both targets: a role and a Chinese name for screen
 * readers (WeChat reads aria-role/aria-label), in the tab order at a PC, Enter/Space activate it,
 * and it shows a focus ring. Use it for every View that reacts to a tap.
 */
export default function Tap({ className, style, onClick, role = 'button', label, selected, checked, sort, disabled, children, ...rest }: PropsWithChildren<Props>) {
  // Nothing to do and not a disabled control (a row that is only tappable elsewhere): plain content,
  // so it neither takes focus nor nests a control inside another.
  if (!onClick && !disabled) {
    return (
      <View className={className} style={style} {...rest}>
        {children}
      </View>
    );
  }
  const off = disabled || !onClick;
  const props = a11yProps({ role, label, selected, checked, sort, disabled: off });
  const onKeyDown = (e: { key: string; preventDefault(): void; stopPropagation(): void }) => {
    if (off || (e.key !== 'Enter' && e.key !== ' ')) return;
    e.preventDefault();
    onClick?.(e);
  };
  return (
    <View
      className={className ? `tap ${className}` : 'tap'}
      style={style}
      onClick={off ? undefined : onClick}
      {...props}
      {...(process.env.TARO_ENV === 'h5' ? { tabIndex: off ? -1 : 0, onKeyDown } : {})}
      {...rest}
    >
      {children}
    </View>
  );
}

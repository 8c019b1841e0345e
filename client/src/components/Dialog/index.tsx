import { View } from '@tarojs/components';
import { useEffect, useRef, type PropsWithChildren } from 'react';
import { a11yProps } from '../../lib/a11y';
import { holdFocus } from '../../lib/dialogFocus';
import './index.scss';

interface Props {
  /** Read as the dialog's name and shown as its heading. */
  title: string;
  /** Escape (H5) and the caller's own close buttons; absent when the dialog must be answered. */
  onClose?: () => void;
  /** `sheet` slides up from the bottom (the privacy sheet); the default sits in the middle. */
  variant?: 'center' | 'sheet';
  /** On the overlay, e.g. to find it in tests. */
  className?: string;
}

/**
 * The one modal dialog: a named dialog (role dialog, aria-modal; WeChat's aria-role on weapp) with
 * its title as a heading. On H5 it takes focus when it opens, keeps Tab inside, closes on Escape and
 * gives focus back to the control that opened it (lib/dialogFocus).
 */
export default function Dialog({ title, onClose, variant = 'center', className, children }: PropsWithChildren<Props>) {
  const panel = useRef<HTMLElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || !panel.current) return undefined;
    return holdFocus(panel.current, () => close.current?.());
  }, []);
  return (
    <View className={className ? `dialog dialog--${variant} ${className}` : `dialog dialog--${variant}`}>
      <View ref={panel as never} className='dialog__panel' {...a11yProps({ role: 'dialog', modal: true, label: title })}>
        <View className='dialog__title' {...a11yProps({ role: 'heading', level: 2 })}>
          {title}
        </View>
        {children}
      </View>
    </View>
  );
}

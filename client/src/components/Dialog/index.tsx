import { View } from '@tarojs/components';
import { useEffect, useRef, useState, type PropsWithChildren } from 'react';
import { a11yProps } from '../../lib/a11y';
import { focusedElement, holdFocus } from '../../lib/dialogFocus';
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
  /** H5: where focus goes back on close; by default what had focus when the dialog opened. */
  opener?: HTMLElement | null;
}

let dialogs = 0;

/**
 * The one modal dialog: a named dialog (role dialog, aria-modal; WeChat's aria-role on weapp) with
 * its title as a heading. On H5 it takes focus when it opens, keeps Tab inside, closes on Escape and
 * gives focus back to the control that opened it (lib/dialogFocus).
 */
export default function Dialog({ title, onClose, variant = 'center', className, opener, children }: PropsWithChildren<Props>) {
  // Found by id: Taro's H5 View is a web component that does not hand React its element.
  const [id] = useState(() => `qgt-dialog-${++dialogs}`);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return undefined;
    const returnTo = opener === undefined ? focusedElement() : opener;
    let release: (() => void) | undefined;
    // One tick: the controls inside are upgraded (shown) only after this commit.
    const timer = setTimeout(() => {
      const panel = document.getElementById(id);
      if (panel) release = holdFocus(panel, () => close.current?.(), returnTo);
    }, 0);
    return () => {
      clearTimeout(timer);
      release?.();
    };
  }, []);
  return (
    <View className={className ? `dialog dialog--${variant} ${className}` : `dialog dialog--${variant}`}>
      <View id={id} className='dialog__panel' {...a11yProps({ role: 'dialog', modal: true, label: title })}>
        <View className='dialog__title' {...a11yProps({ role: 'heading', level: 2 })}>
          {title}
        </View>
        {children}
      </View>
    </View>
  );
}

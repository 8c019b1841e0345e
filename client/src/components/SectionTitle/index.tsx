import { View } from '@tarojs/components';
import type { PropsWithChildren, ReactNode } from 'react';
import { a11yProps } from '../../lib/a11y';

interface Props {
  /** Extra classes next to `section-title` (page styles and tests hook on them). */
  className?: string;
  /**
   * A control on the title's row (换一个). It stays outside the heading, so the heading's name is the
   * title alone; the heading then sits on an inner View. Pass `null` to keep that row shape without
   * a control.
   */
  action?: ReactNode;
}

/**
 * The title of a page section: a level-2 heading on both targets (the page's name is level 1), so a
 * screen reader can jump from section to section. H5 gets role=heading; WeChat reads aria-role and
 * aria-level (lib/a11y). Keeps the `section-title` class the styles and tests use.
 */
export default function SectionTitle({ className, action, children }: PropsWithChildren<Props>) {
  const cls = className ? `section-title ${className}` : 'section-title';
  const heading = a11yProps({ role: 'heading', level: 2 });
  if (action === undefined) {
    return (
      <View className={cls} {...heading}>
        {children}
      </View>
    );
  }
  return (
    <View className={cls}>
      <View {...heading}>{children}</View>
      {action}
    </View>
  );
}

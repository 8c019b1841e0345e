import { View } from '@tarojs/components';
import type { InboxTab } from '@qgt/shared/work/api';
import { INBOX_TAB_LIST } from '../../lib/requestLabels';
import Tap from '../../components/Tap';
import { a11yProps } from '../../lib/a11y';
import './worker.scss';

/** 待签收 / 处理中 / 即将超期 / 已超期 (work.inbox's own tabs). */
export default function InboxTabs({ value, count, onChange, tabs = INBOX_TAB_LIST }: { value: InboxTab; count?: number; onChange: (tab: InboxTab) => void; tabs?: typeof INBOX_TAB_LIST }) {
  return (
    <View className='tabs' {...a11yProps({ role: 'tablist' })}>
      {tabs.map((t) => (
        <Tap key={t.tab} role='tab' selected={t.tab === value} className={t.tab === value ? `tabs__item tabs__item--on tabs__item--${t.tab}` : `tabs__item tabs__item--${t.tab}`} onClick={() => onChange(t.tab)}>
          {t.label}
          {t.tab === value && count !== undefined ? `(${count})` : ''}
        </Tap>
      ))}
    </View>
  );
}

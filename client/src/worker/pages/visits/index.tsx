import { View } from '@tarojs/components';
import { useState } from 'react';
import { callFunction } from '../../../api/call';
import Page, { Loaded } from '../../../components/Page';
import RequestCard from '../../../components/Request/RequestCard';
import { openPage } from '../../../lib/nav';
import { dayLabel, localDateAfter } from '../../../lib/time';
import { useRemote } from '../../../lib/useRemote';
import Tap from '../../../components/Tap';
import { a11yProps } from '../../../lib/a11y';
import '../../components/worker.scss';
import SectionTitle from '../../../components/SectionTitle';

const DAYS = [
  { offset: 0, label: '今天' },
  { offset: 1, label: '明天' },
  { offset: 2, label: '后天' },
];

/** The worker's doorstep visits of a day (work.visits), by start time. */
export default function VisitsPage() {
  const [offset, setOffset] = useState(0);
  const date = localDateAfter(offset);
  const { state, reload } = useRemote(() => callFunction('work', 'visits', { date }), [date], { refreshOnShow: true, pullDown: true });

  return (
    <Page>
      <View className='tabs' {...a11yProps({ role: 'tablist' })}>
        {DAYS.map((d) => (
          <Tap key={d.offset} role='tab' selected={d.offset === offset} className={d.offset === offset ? 'tabs__item tabs__item--on' : 'tabs__item'} onClick={() => setOffset(d.offset)}>
            {d.label}
          </Tap>
        ))}
      </View>
      <SectionTitle>{dayLabel(`${date}T12:00:00+08:00`)}</SectionTitle>
      <Loaded state={state} onRetry={() => void reload()} loading='正在加载上门安排…' empty={(d) => !d.items.length && '这一天没有上门安排。'} emptyClass='visits__empty'>
        {(d) => (
          <View className='cells visits__list'>
            {d.items.map((r) => (
              <RequestCard key={r.id} staff request={r} onOpen={(id) => openPage('workRequest', { id })} />
            ))}
          </View>
        )}
      </Loaded>
    </Page>
  );
}

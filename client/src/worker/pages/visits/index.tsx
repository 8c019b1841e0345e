import { View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import { callFunction } from '../../../api/call';
import LoadState from '../../../components/LoadState';
import PageShell from '../../../components/PageShell';
import RequestCard from '../../../components/Request/RequestCard';
import { openPage, WORK_REQUEST_PAGE } from '../../../lib/nav';
import { dayLabel, localDateAfter } from '../../../lib/time';
import { useRemote } from '../../../lib/useRemote';
import Tap from '../../../components/Tap';
import { a11yProps } from '../../../lib/a11y';
import '../../components/worker.scss';

const DAYS = [
  { offset: 0, label: '今天' },
  { offset: 1, label: '明天' },
  { offset: 2, label: '后天' },
];

/** The worker's doorstep visits of a day (work.visits), by start time. */
export default function VisitsPage() {
  const [offset, setOffset] = useState(0);
  const date = localDateAfter(offset);
  const { state, reload } = useRemote(() => callFunction('work', 'visits', { date }), [date], { refreshOnShow: true });
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <PageShell>
      <View className='tabs' {...a11yProps({ role: 'tablist' })}>
        {DAYS.map((d) => (
          <Tap key={d.offset} role='tab' selected={d.offset === offset} className={d.offset === offset ? 'tabs__item tabs__item--on' : 'tabs__item'} onClick={() => setOffset(d.offset)}>
            {d.label}
          </Tap>
        ))}
      </View>
      <View className='section-title'>{dayLabel(`${date}T12:00:00+08:00`)}</View>
      {state.status === 'loading' ? (
        <LoadState loading='正在加载上门安排…' />
      ) : state.status === 'error' ? (
        <LoadState error={state.message} onRetry={() => void reload()} />
      ) : state.data.items.length ? (
        <View className='cells visits__list'>
          {state.data.items.map((r) => (
            <RequestCard key={r.id} staff request={r} onOpen={(id) => openPage(WORK_REQUEST_PAGE, { id })} />
          ))}
        </View>
      ) : (
        <View className='block muted visits__empty'>这一天没有上门安排。</View>
      )}
    </PageShell>
  );
}

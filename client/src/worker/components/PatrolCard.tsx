import { View } from '@tarojs/components';
import { callFunction } from '../../api/call';
import Notice from '../../components/Notice';
import { openPage } from '../../lib/nav';
import { useRemote } from '../../lib/useRemote';
import HouseholdRow from './HouseholdRow';
import Progress from './Progress';
import Tap from '../../components/Tap';

/** Worker home: overdue key households and this week's / month's visit targets (visits.home). */
export default function PatrolCard() {
  const home = useRemote(() => callFunction('visits', 'home', {}), [], { refreshOnShow: true });
  const s = home.state;
  if (s.status === 'loading') return null;
  if (s.status === 'error') return <Notice tone='error' text={`走访目标加载失败：${s.message}`} actionText='重试' onAction={() => void home.reload()} />;
  const { overdue, week, month } = s.data;
  return (
    <Tap className='patrol-card' onClick={() => openPage('patrol')}>
      <View className='cells'>
        <Progress name='week' label='本周在网格' value={week.days} target={week.target} unit='天' />
        <Progress name='month' label='本月走访' value={month.households} target={month.target} unit='户' />
        {overdue.slice(0, 3).map((h) => (
          <HouseholdRow key={h.code} h={h} />
        ))}
        {overdue.length > 3 ? <View className='cell muted'>另有{overdue.length - 3}户超期未走访</View> : null}
      </View>
    </Tap>
  );
}

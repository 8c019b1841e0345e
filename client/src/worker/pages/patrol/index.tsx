import { View } from '@tarojs/components';
import { useState } from 'react';
import type { HouseholdView } from '@qgt/shared/visits/api';
import { callFunction } from '../../../api/call';
import { errorMessage } from '../../../api/errors';
import Field from '../../../components/Form/Field';
import SubmitButton from '../../../components/Form/SubmitButton';
import LoadState from '../../../components/LoadState';
import StaffGate from '../../../components/StaffGate';
import { useRemote } from '../../../lib/useRemote';
import { useSubmit } from '../../../lib/useSubmit';
import HouseholdRow from '../../components/HouseholdRow';
import Progress from '../../components/Progress';
import { showToast } from '../../../lib/toast';
import '../../components/worker.scss';

/** Overdue first (most overdue on top), then by due date. */
export function byUrgency(items: HouseholdView[]): HouseholdView[] {
  return [...items].sort((a, b) => Number(b.overdue) - Number(a.overdue) || b.overdueDays - a.overdueDays || a.dueDate.localeCompare(b.dueDate));
}

function PatrolBody() {
  const home = useRemote(() => callFunction('visits', 'home', {}), [], { refreshOnShow: true });
  const households = useRemote(() => callFunction('visits', 'households.list', {}), []);
  const mine = useRemote(() => callFunction('visits', 'mine', {}), []);
  const [household, setHousehold] = useState('');
  const [found, setFound] = useState('');
  const [error, setError] = useState('');
  const { busy, run } = useSubmit();
  const known = households.state.status === 'ready' ? households.state.data.items : [];
  const picked = known.find((h) => h.code === household);

  const submit = () =>
    run(async () => {
      if (!household.trim()) return setError('请选择重点户或填写走访对象');
      if (!found.trim()) return setError('请填写走访情况');
      setError('');
      try {
        await callFunction('visits', 'log', { household: household.trim(), found: found.trim(), ...(picked?.buildingCode && { buildingCode: picked.buildingCode }) });
        void showToast({ title: '已记录走访', icon: 'success' });
        setHousehold('');
        setFound('');
        await Promise.all([home.reload(), households.reload(), mine.reload()]);
      } catch (e) {
        setError(errorMessage(e));
      }
    });

  const h = home.state;
  const l = households.state;
  const m = mine.state;
  return (
    <View>
      <View className='section-title'>走访目标</View>
      {h.status === 'loading' ? (
        <LoadState />
      ) : h.status === 'error' ? (
        <LoadState error={h.message} onRetry={() => void home.reload()} />
      ) : (
        <View className='cells'>
          <Progress name='week' label='本周在网格天数' value={h.data.week.days} target={h.data.week.target} unit='天' />
          <Progress name='month' label='本月走访户数' value={h.data.month.households} target={h.data.month.target} unit='户' />
        </View>
      )}
      <View className='section-title'>记录走访</View>
      <View className='cells'>
        <Field name='household' label='走访对象' required maxlength={50} placeholder='点选下方重点户，或填写如“3栋2单元501”' value={picked ? picked.name : household} onChange={setHousehold} />
        <Field name='found' label='走访情况' required multiline maxlength={500} placeholder='家中情况、需求、已办事项' value={found} onChange={setFound} />
      </View>
      {error ? <View className='form-error'>{error}</View> : null}
      <View className='form-actions'>
        <SubmitButton name='visit-log' text='记录走访' busy={busy} onClick={() => void submit()} />
      </View>
      <View className='section-title'>包保重点户（超期优先）</View>
      {l.status === 'loading' ? (
        <LoadState />
      ) : l.status === 'error' ? (
        <LoadState error={l.message} onRetry={() => void households.reload()} />
      ) : l.data.items.length ? (
        <View className='cells households'>
          {byUrgency(l.data.items).map((x) => (
            <HouseholdRow key={x.code} h={x} picked={x.code === household} onPick={() => setHousehold(x.code)} />
          ))}
        </View>
      ) : (
        <View className='block muted'>没有包保的重点户</View>
      )}
      <View className='section-title'>最近走访</View>
      {m.status === 'loading' ? (
        <LoadState />
      ) : m.status === 'error' ? (
        <LoadState error={m.message} onRetry={() => void mine.reload()} />
      ) : m.data.items.length ? (
        <View className='cells visits-mine'>
          {m.data.items.slice(0, 20).map((v) => (
            <View key={v.id} className='cell'>
              <View className='cell__body'>
                <View>
                  {v.date} {v.householdName ?? v.household}
                </View>
                <View className='cell__desc'>{v.found}</View>
              </View>
            </View>
          ))}
        </View>
      ) : (
        <View className='block muted'>近31天没有走访记录</View>
      )}
    </View>
  );
}

/** 下沉网格走访: targets, log a household visit, key households with overdue ones first. */
export default function PatrolPage() {
  return (
    <StaffGate title='网格走访' roles={['worker', 'admin']}>
      {() => <PatrolBody />}
    </StaffGate>
  );
}

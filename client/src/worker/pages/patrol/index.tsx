import { View } from '@tarojs/components';
import { useState } from 'react';
import type { HouseholdView } from '@qgt/shared/visits/api';
import { callFunction } from '../../../api/call';
import Field from '../../../components/Form/Field';
import SubmitButton from '../../../components/Form/SubmitButton';
import { Loaded, StaffPage } from '../../../components/Page';
import { dateLabel } from '../../../lib/time';
import { useRemote } from '../../../lib/useRemote';
import { useSubmit, useSubmitFailure } from '../../../lib/useSubmit';
import HouseholdRow from '../../components/HouseholdRow';
import Progress from '../../components/Progress';
import { showToast } from '../../../lib/toast';
import '../../components/worker.scss';
import FormError from '../../../components/Form/FormError';
import SectionTitle from '../../../components/SectionTitle';

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
  const failed = useSubmitFailure();
  const { busy, run } = useSubmit();
  const known = households.state.status === 'ready' ? households.state.data.items : [];
  const picked = known.find((h) => h.code === household);

  const submit = () =>
    run(async () => {
      if (!household.trim()) return failed.say('请选择重点户或填写走访对象');
      if (!found.trim()) return failed.say('请填写走访情况');
      failed.clear();
      try {
        await callFunction('visits', 'log', { household: household.trim(), found: found.trim(), ...(picked?.buildingCode && { buildingCode: picked.buildingCode }) });
        void showToast({ title: '已记录走访', icon: 'success' });
        setHousehold('');
        setFound('');
        await Promise.all([home.reload(), households.reload(), mine.reload()]);
      } catch (e) {
        failed.set(e, () => void submit());
      }
    });

  return (
    <View>
      <SectionTitle>走访目标</SectionTitle>
      <Loaded state={home.state} onRetry={() => void home.reload()}>
        {(h) => (
          <View className='cells'>
            <Progress name='week' label='本周在网格天数' value={h.week.days} target={h.week.target} unit='天' />
            <Progress name='month' label='本月走访户数' value={h.month.households} target={h.month.target} unit='户' />
          </View>
        )}
      </Loaded>
      <SectionTitle>记录走访</SectionTitle>
      <View className='cells'>
        <Field name='household' label='走访对象' required maxlength={50} placeholder='点选下方重点户，或填写如“3栋2单元501”' value={picked ? picked.name : household} onChange={setHousehold} />
        <Field name='found' label='走访情况' required multiline maxlength={500} placeholder='家中情况、需求、已办事项' value={found} onChange={setFound} />
      </View>
      <FormError failure={failed.failure} onRetry={failed.retry} />
      <View className='form-actions'>
        <SubmitButton name='visit-log' text='记录走访' busy={busy} onClick={() => void submit()} />
      </View>
      <SectionTitle>包保重点户（超期优先）</SectionTitle>
      <Loaded state={households.state} onRetry={() => void households.reload()} empty={(l) => !l.items.length && '没有包保的重点户'}>
        {(l) => (
          <View className='cells households'>
            {byUrgency(l.items).map((x) => (
              <HouseholdRow key={x.code} h={x} picked={x.code === household} onPick={() => setHousehold(x.code)} />
            ))}
          </View>
        )}
      </Loaded>
      <SectionTitle>最近走访</SectionTitle>
      <Loaded state={mine.state} onRetry={() => void mine.reload()} empty={(m) => !m.items.length && '近31天没有走访记录'}>
        {(m) => (
          <View className='cells visits-mine'>
            {m.items.slice(0, 20).map((v) => (
              <View key={v.id} className='cell'>
                <View className='cell__body'>
                  <View>
                    {dateLabel(v.date)} {v.householdName ?? v.household}
                  </View>
                  <View className='cell__desc'>{v.found}</View>
                </View>
              </View>
            ))}
          </View>
        )}
      </Loaded>
    </View>
  );
}

/** 下沉网格走访: targets, log a household visit, key households with overdue ones first. */
export default function PatrolPage() {
  return (
    <StaffPage title='网格走访' roles={['worker', 'admin']}>
      {() => <PatrolBody />}
    </StaffPage>
  );
}

import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { callFunction } from '../../../api/call';
import Choices from '../../../components/Form/Choices';
import Field from '../../../components/Form/Field';
import SubmitButton from '../../../components/Form/SubmitButton';
import InfoRow from '../../../components/InfoRow';
import Page from '../../../components/Page';
import { useRouteQuery } from '../../../lib/nav';
import { useRemote } from '../../../lib/useRemote';
import { useSubmit, useSubmitFailure } from '../../../lib/useSubmit';
import { loadPicks } from '../../components/loadPicks';
import FormError from '../../../components/Form/FormError';
import { showToast } from '../../../lib/toast';
import SectionTitle from '../../../components/SectionTitle';

/** 吹哨报到: call a department in (work.escalate); the worker stays the assignee. */
export default function EscalatePage() {
  const id = useRouteQuery('escalate').id;
  const [department, setDepartment] = useState('');
  const [reason, setReason] = useState('');
  const failed = useSubmitFailure();
  const { busy, run } = useSubmit();
  const data = useRemote(async () => {
    const request = await callFunction('requests', 'get', { id });
    return { request, departments: (await loadPicks([], request.category)).departments };
  }, [id]);
  // The owning department (listed first, marked 权属部门) is chosen until the worker picks another.
  const owner = data.state.status === 'ready' ? data.state.data.departments.find((d) => d.desc)?.value : undefined;
  const chosen = department || owner || '';

  const submit = () =>
    run(async () => {
      const problem = !chosen.trim() ? '请选择协办部门' : !reason.trim() ? '请填写报请原因' : '';
      if (problem) return failed.say(problem);
      failed.clear();
      try {
        await callFunction('work', 'escalate', { id, department: chosen.trim(), reason: reason.trim() });
        await showToast({ title: '已报请部门', icon: 'success' });
        void Taro.navigateBack();
      } catch (e) {
        failed.set(e, () => void submit());
      }
    });

  return (
    <Page state={data.state} onRetry={() => void data.reload()} loading='正在加载…'>
      {({ request, departments }) => {
        return (
          <>
            <SectionTitle>报请部门协同处理</SectionTitle>
            <View className='cells'>
              <InfoRow label='工单'>{request.title}</InfoRow>
            </View>
            <SectionTitle>协办部门</SectionTitle>
            <Choices name='department' options={departments} value={chosen} onChange={setDepartment} />
            <View className='cells'>
              <Field name='reason' label='报请原因' required multiline maxlength={200} placeholder='需要部门解决什么问题' value={reason} onChange={setReason} />
            </View>
            <FormError failure={failed.failure} onRetry={failed.retry} />
            <View className='form-actions'>
              <SubmitButton name='escalate' text='吹哨报到' busyText='正在报请…' busy={busy} onClick={() => void submit()} />
            </View>
          </>
        );
      }}
    </Page>
  );
}

import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { callFunction } from '../../../api/call';
import { errorMessage } from '../../../api/errors';
import Choices from '../../../components/Form/Choices';
import Field from '../../../components/Form/Field';
import SubmitButton from '../../../components/Form/SubmitButton';
import InfoRow from '../../../components/InfoRow';
import PageShell from '../../../components/PageShell';
import PendingPage from '../../../components/LoadState/PendingPage';
import { queryParam } from '../../../lib/nav';
import { useRemote } from '../../../lib/useRemote';
import { useSubmit } from '../../../lib/useSubmit';
import { loadPicks } from '../../components/loadPicks';
import { showToast } from '../../../lib/toast';

/** 吹哨报到: call a department in (work.escalate); the worker stays the assignee. */
export default function EscalatePage() {
  const id = queryParam(useRouter().params, 'id');
  const [department, setDepartment] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
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
      if (problem) return setError(problem);
      setError('');
      try {
        await callFunction('work', 'escalate', { id, department: chosen.trim(), reason: reason.trim() });
        await showToast({ title: '已报请部门', icon: 'success' });
        void Taro.navigateBack();
      } catch (e) {
        setError(errorMessage(e));
      }
    });

  if (data.state.status !== 'ready') return <PendingPage state={data.state} onRetry={() => void data.reload()} loading='正在加载…' />;
  const { request, departments } = data.state.data;
  return (
    <PageShell>
      <View className='section-title'>报请部门协同处理</View>
      <View className='cells'>
        <InfoRow label='工单'>{request.title}</InfoRow>
      </View>
      <View className='section-title'>协办部门</View>
      <Choices name='department' options={departments} value={chosen} onChange={setDepartment} />
      <View className='cells'>
        <Field name='reason' label='报请原因' required multiline maxlength={200} placeholder='需要部门解决什么问题' value={reason} onChange={setReason} />
      </View>
      {error ? <View className='form-error'>{error}</View> : null}
      <View className='form-actions'>
        <SubmitButton name='escalate' text='吹哨报到' busyText='正在报请…' busy={busy} onClick={() => void submit()} />
      </View>
    </PageShell>
  );
}

import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { callFunction } from '../../../api/call';
import Choices from '../../../components/Form/Choices';
import Field from '../../../components/Form/Field';
import SubmitButton from '../../../components/Form/SubmitButton';
import InfoRow from '../../../components/InfoRow';
import Page from '../../../components/Page';
import { peekMe } from '../../../lib/account';
import { useRouteQuery } from '../../../lib/nav';
import { useRemote } from '../../../lib/useRemote';
import { useSubmit, useSubmitFailure } from '../../../lib/useSubmit';
import { loadPicks } from '../../components/loadPicks';
import { showToast } from '../../../lib/toast';
import '../../components/worker.scss';
import FormError from '../../../components/Form/FormError';
import SectionTitle from '../../../components/SectionTitle';

/**
 * 业务转接单: hand a request to a colleague with the reason, what has been done and what is
 * still pending (work.transfer). The first responder stays on record and keeps seeing it.
 */
export default function TransferPage() {
  const id = useRouteQuery('transfer').id;
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState('');
  const [pending, setPending] = useState('');
  const failed = useSubmitFailure();
  const { busy, run } = useSubmit();

  const data = useRemote(async () => {
    const request = await callFunction('requests', 'get', { id });
    const me = peekMe()?.openid;
    const { colleagues } = await loadPicks([request.assignee.openid, ...(me ? [me] : []), ...(request.owner ? [request.owner.openid] : [])]);
    return { request, colleagues };
  }, [id]);

  const submit = () =>
    run(async () => {
      const problem = !to.trim() ? '请选择转交对象' : !reason.trim() ? '请填写转交原因' : !pending.trim() ? '请填写待办事项' : '';
      if (problem) return failed.say(problem);
      failed.clear();
      try {
        await callFunction('work', 'transfer', { id, toOpenid: to.trim(), reason: reason.trim(), pending: pending.trim(), ...(done.trim() && { done: done.trim() }) });
        await showToast({ title: '已转交', icon: 'success' });
        void Taro.navigateBack();
      } catch (e) {
        failed.set(e, () => void submit());
      }
    });

  return (
    <Page state={data.state} onRetry={() => void data.reload()} loading='正在加载…'>
      {({ request, colleagues }) => {
        return (
          <>
            <SectionTitle>转交工单</SectionTitle>
            <View className='cells'>
              <InfoRow label='工单'>{request.title}</InfoRow>
              <InfoRow label='当前经办人'>{request.assignee.name}</InfoRow>
            </View>
            <SectionTitle>转交给</SectionTitle>
            {colleagues.length ? (
              <Choices name='colleague' options={colleagues} value={to} onChange={setTo} />
            ) : (
              <View className='block muted'>本社区暂无其他可转交的工作人员。</View>
            )}
            <SectionTitle>转接单</SectionTitle>
            <View className='cells'>
              <Field name='reason' label='转交原因' required multiline maxlength={200} placeholder='如：该事项需B岗专人办理' value={reason} onChange={setReason} />
              <Field name='done' label='已办事项（选填）' multiline maxlength={500} placeholder='已经做了哪些工作' value={done} onChange={setDone} />
              <Field name='pending' label='待办事项' required multiline maxlength={500} placeholder='接收人还需要做什么' value={pending} onChange={setPending} />
            </View>
            <FormError failure={failed.failure} onRetry={failed.retry} />
            <View className='form-actions'>
              <SubmitButton name='transfer' text='确认转交' busyText='正在转交…' busy={busy} onClick={() => void submit()} />
            </View>
          </>
        );
      }}
    </Page>
  );
}

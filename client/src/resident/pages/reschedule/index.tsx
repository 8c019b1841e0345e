import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { SlotView } from '@qgt/shared/booking/api';
import { callFunction } from '../../../api/call';
import { isApiError } from '../../../api/errors';
import Field from '../../../components/Form/Field';
import SubmitButton from '../../../components/Form/SubmitButton';
import InfoRow from '../../../components/InfoRow';
import Page from '../../../components/Page';
import { useRouteQuery } from '../../../lib/nav';
import { localDateAfter, slotLabel } from '../../../lib/time';
import { useRemote } from '../../../lib/useRemote';
import { useSubmit, useSubmitFailure } from '../../../lib/useSubmit';
import SlotPicker from '../../components/SlotPicker';
import FormError from '../../../components/Form/FormError';
import { showToast } from '../../../lib/toast';
import SectionTitle from '../../../components/SectionTitle';

/**
 * 改约: another slot of the same worker within 14 days, with an optional reason (booking.reschedule).
 * Allowed until the cut-off before the visit; the server says so when it is too late.
 */
export default function ReschedulePage() {
  const id = useRouteQuery('reschedule').id;
  const [slot, setSlot] = useState<SlotView | null>(null);
  const [reason, setReason] = useState('');
  const failed = useSubmitFailure();
  const { busy, run } = useSubmit();

  const data = useRemote(async () => {
    const request = await callFunction('requests', 'get', { id });
    const { slots } = await callFunction('booking', 'slots', {
      ...(request.matterCode && { matterCode: request.matterCode }),
      from: localDateAfter(0),
      to: localDateAfter(13),
    });
    // Only the same worker's slots: a visit keeps its worker.
    return { request, slots: slots.filter((s) => s.worker.openid === request.assignee.openid && s.slotId !== request.slot?.slotId) };
  }, [id]);

  const submit = () =>
    run(async () => {
      if (!slot) return failed.say('请选择新的上门时间');
      failed.clear();
      try {
        await callFunction('booking', 'reschedule', { id, slotId: slot.slotId, ...(reason.trim() && { reason: reason.trim() }) });
        await showToast({ title: '已改约', icon: 'success' });
        void Taro.navigateBack();
      } catch (e) {
        failed.set(e, () => void submit());
        if (isApiError(e) && e.code === 'CONFLICT') {
          setSlot(null);
          void data.reload();
        }
      }
    });

  return (
    <Page state={data.state} onRetry={() => void data.reload()} loading='正在查询可改约时段…'>
      {({ request, slots }) => {
        return (
          <>
            <SectionTitle>当前预约</SectionTitle>
            <View className='cells'>
              <InfoRow label='事项'>{request.title}</InfoRow>
              {request.slot ? <InfoRow label='原上门时间'>{slotLabel(request.slot.start, request.slot.end)}</InfoRow> : null}
              <InfoRow label='上门人员'>{request.assignee.name}</InfoRow>
            </View>
            <SectionTitle>选择新的时间</SectionTitle>
            <SlotPicker slots={slots} value={slot?.slotId} showWorker={false} onChange={setSlot} />
            <SectionTitle>改约原因</SectionTitle>
            <View className='cells'>
              <Field name='reason' label='改约原因（选填）' multiline maxlength={200} placeholder='如：当天临时有事' value={reason} onChange={setReason} />
            </View>
            <FormError failure={failed.failure} onRetry={failed.retry} />
            <View className='form-actions'>
              <SubmitButton name='reschedule' text='确认改约' busyText='正在改约…' busy={busy} onClick={() => void submit()} />
            </View>
          </>
        );
      }}
    </Page>
  );
}

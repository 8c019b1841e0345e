import { View } from '@tarojs/components';
import { useState } from 'react';
import Field from '../../../components/Form/Field';
import SubmitButton from '../../../components/Form/SubmitButton';
import FormError from '../../../components/Form/FormError';
import { useSubmitFailure } from '../../../lib/useSubmit';
import Tap from '../../../components/Tap';
import SectionTitle from '../../../components/SectionTitle';

interface Props {
  /** Visits need a reason (booking.cancel); other requests may leave it empty. */
  reasonRequired: boolean;
  busy: boolean;
  onCancel: (reason: string) => void;
  onClose: () => void;
}

/** 取消诉求 / 取消预约, with a reason. */
export default function CancelForm({ reasonRequired, busy, onCancel, onClose }: Props) {
  const [reason, setReason] = useState('');
  const failed = useSubmitFailure();
  return (
    <View className='cancel-form'>
      <SectionTitle>取消原因</SectionTitle>
      <View className='cells'>
        <Field
          name='cancel-reason'
          label={reasonRequired ? '取消原因' : '取消原因（选填）'}
          required={reasonRequired}
          multiline
          maxlength={200}
          placeholder='如：问题已自行解决'
          value={reason}
          onChange={(v) => {
            setReason(v);
            failed.clear();
          }}
        />
      </View>
      <FormError failure={failed.failure} />
      <View className='form-actions'>
        <SubmitButton
          name='cancel'
          tone='warn'
          text='确认取消'
          busyText='正在取消…'
          busy={busy}
          onClick={() => (reasonRequired && !reason.trim() ? failed.say('请填写取消原因') : onCancel(reason.trim()))}
        />
        <Tap className='btn btn--plain cancel-form__back' onClick={busy ? undefined : onClose}>
          不取消了
        </Tap>
      </View>
    </View>
  );
}

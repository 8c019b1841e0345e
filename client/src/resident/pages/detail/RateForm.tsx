import { View } from '@tarojs/components';
import { useState } from 'react';
import Choices from '../../../components/Form/Choices';
import Field from '../../../components/Form/Field';
import SubmitButton from '../../../components/Form/SubmitButton';
import Stars from '../../../components/Stars';
import { OUTCOMES, type Outcome } from '../../../lib/requestLabels';
import FormError from '../../../components/Form/FormError';
import { useSubmitFailure } from '../../../lib/useSubmit';
import SectionTitle from '../../../components/SectionTitle';

interface Props {
  busy: boolean;
  onRate: (score: number, comment: string, outcome?: Outcome) => void;
}

/**
 * 评价: 1–5 stars, whether it was solved (`outcome`), a comment. Two stars or fewer, or 未解决,
 * sends it back to be redone.
 */
export default function RateForm({ busy, onRate }: Props) {
  const [score, setScore] = useState(0);
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const [comment, setComment] = useState('');
  const failed = useSubmitFailure();
  const submit = () => {
    if (!score) return failed.say('请先打分');
    onRate(score, comment.trim().slice(0, 200), outcome);
  };
  return (
    <View className='rate-form'>
      <SectionTitle>评价本次办理</SectionTitle>
      <Stars
        value={score}
        onChange={(v) => {
          setScore(v);
          failed.clear();
        }}
      />
      <Choices name='outcome' options={OUTCOMES.map((o) => ({ value: o.value, label: o.label }))} value={outcome} onChange={(v) => setOutcome(v as Outcome)} />
      <View className='cells'>
        <Field name='comment' label='评价（选填）' multiline maxlength={180} placeholder='说说办理情况' value={comment} onChange={setComment} />
      </View>
      {score > 0 && score <= 2 ? (
        <View className='block muted'>评价为{score}星时，诉求将退回重新办理。</View>
      ) : outcome === 'unresolved' ? (
        <View className='block muted'>选择“未解决”时，诉求将退回重新办理。</View>
      ) : null}
      <FormError failure={failed.failure} />
      <View className='form-actions'>
        <SubmitButton name='rate' text='提交评价' busyText='正在提交…' busy={busy} onClick={submit} />
      </View>
    </View>
  );
}

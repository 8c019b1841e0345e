import { View } from '@tarojs/components';
import { useState } from 'react';
import { SOURCE_FIELD_LABELS, type SourceField } from '@qgt/shared/catalog/codes';
import { callFunction } from '../../api/call';
import { peekMe } from '../../lib/account';
import { useSave } from '../../lib/useSubmit';
import Choices from '../Form/Choices';
import Field from '../Form/Field';
import SubmitButton from '../Form/SubmitButton';
import FormError from '../Form/FormError';
import Tap from '../Tap';

const FIELDS: SourceField[] = ['eligibility', 'materials', 'steps', 'timeLimit', 'where', 'fee', 'basis', 'tips'];

/**
 * 报告错误 on a matter, for window staff: which part is wrong and why; it lands in the admins'
 * review list. Shown only when this session already knows the caller is staff (no extra call
 * for residents opening a matter from a QR code).
 */
export default function ReportError({ code }: { code: string }) {
  const me = peekMe();
  const [open, setOpen] = useState(false);
  const [field, setField] = useState<string>('materials');
  const [note, setNote] = useState('');
  const [sent, setSent] = useState(false);
  const { busy, failure, retry, save } = useSave();
  if (me?.role !== 'worker' && me?.role !== 'admin') return null;
  if (sent) return <View className='block muted report-error__sent'>已报告，管理员核实后会更新本页。</View>;
  if (!open)
    return (
      <Tap className='btn btn--plain report-error__open' onClick={() => setOpen(true)}>
        报告错误
      </Tap>
    );
  return (
    <View className='report-error'>
      <Choices name='report-field' options={FIELDS.map((f) => ({ value: f, label: SOURCE_FIELD_LABELS[f] }))} value={field} onChange={setField} />
      <View className='cells'>
        <Field name='report-note' label='哪里有误' required multiline maxlength={300} value={note} onChange={setNote} />
      </View>
      <FormError failure={failure} onRetry={retry} />
      <View className='form-actions'>
        <SubmitButton
          name='report-send'
          text='提交报告'
          busy={busy}
          onClick={() => void save(() => callFunction('desk', 'reportError', { matterCode: code, field: field as SourceField, note: note.trim() }), () => setSent(true))}
        />
      </View>
    </View>
  );
}

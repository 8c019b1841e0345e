import { View } from '@tarojs/components';
import type { BuildingView } from '@qgt/shared/requests/api';
import type { SlotView } from '@qgt/shared/booking/api';
import { fieldError, formFailure, type Failure } from '../../../api/errors';
import Choices from '../../../components/Form/Choices';
import Field from '../../../components/Form/Field';
import FormError from '../../../components/Form/FormError';
import SubmitButton from '../../../components/Form/SubmitButton';
import InfoRow from '../../../components/InfoRow';
import { slotLabel } from '../../../lib/time';
import Tap from '../../../components/Tap';
import './booking.scss';
import SectionTitle from '../../../components/SectionTitle';

export interface VisitForm {
  buildingCode?: string;
  address: string;
  phone: string;
  note: string;
}

interface Props {
  matterTitle: string;
  slot: SlotView;
  buildings: BuildingView[];
  form: VisitForm;
  onChange: (patch: Partial<VisitForm>) => void;
  onChangeSlot: () => void;
  onSubmit: () => void;
  busy: boolean;
  /** Why the last submit failed; `onRetry` runs it again when that may help. */
  failure: Failure | null;
  onRetry?: () => void;
  /** "其他事项": the note must say what is needed. */
  needNote: boolean;
}

const INLINE_FIELDS = ['note', 'phone', 'description', 'address', 'buildingCode', 'contactPhone'];

/** Step 3: where and how to reach the resident, then book. */
export default function ConfirmStep({ matterTitle, slot, buildings, form, onChange, onChangeSlot, onSubmit, busy, failure, onRetry, needNote }: Props) {
  // The request's description is made of the note (and address, phone): the server's word on it goes to the note.
  const noteError = fieldError(failure, 'note') ?? fieldError(failure, 'description');
  return (
    <View>
      <SectionTitle>预约信息</SectionTitle>
      <View className='cells'>
        <InfoRow label='事项'>{matterTitle}</InfoRow>
        <View className='cell booking__chosen'>
          <View className='cell__body'>
            <View className='cell__desc'>上门时间</View>
            <View className='cell__title booking__slot'>{slotLabel(slot.start, slot.end)}</View>
            <View className='cell__desc'>上门人员：{slot.worker.name}</View>
          </View>
          <Tap className='link booking__change' onClick={busy ? undefined : onChangeSlot}>
            更改
          </Tap>
        </View>
      </View>
      {buildings.length ? (
        <View>
          <SectionTitle>所在楼栋</SectionTitle>
          <Choices
            name='building'
            options={buildings.map((b) => ({ value: b.code, label: b.name, desc: b.gridName }))}
            value={form.buildingCode}
            onChange={(buildingCode) => onChange({ buildingCode })}
          />
        </View>
      ) : null}
      <SectionTitle>联系方式</SectionTitle>
      <View className='cells'>
        <Field
          name='address'
          label={form.buildingCode ? '详细地址（单元、门牌号）' : '上门地址'}
          required={!form.buildingCode}
          maxlength={60}
          placeholder={form.buildingCode ? '如：3单元502' : '如：锦绣路18号3单元502'}
          value={form.address}
          error={fieldError(failure, 'address') ?? fieldError(failure, 'buildingCode')}
          onChange={(address) => onChange({ address })}
        />
        <Field
          name='phone'
          label='联系电话'
          required
          type='number'
          maxlength={13}
          placeholder='工作人员上门前会联系您'
          value={form.phone}
          error={fieldError(failure, 'phone') ?? fieldError(failure, 'contactPhone')}
          onChange={(phone) => onChange({ phone })}
        />
        <Field
          name='note'
          label={needNote ? '需要办理什么' : '备注（选填）'}
          required={needNote}
          multiline
          maxlength={300}
          placeholder={needNote ? '请说明需要工作人员上门帮您办理的事情' : '如：老人行动不便，请敲门后稍等'}
          value={form.note}
          error={noteError}
          onChange={(note) => onChange({ note })}
        />
      </View>
      <FormError failure={formFailure(failure, INLINE_FIELDS)} onRetry={onRetry} />
      <View className='form-actions'>
        <SubmitButton name='book' text='确认预约' busyText='正在预约…' busy={busy} onClick={onSubmit} />
      </View>
    </View>
  );
}

/** The visit request's description: the resident's note (address and phone have their own fields). */
export function visitDescription(form: VisitForm): string {
  return form.note.trim().slice(0, 1000);
}

/** What stops a booking before it is sent: the worker needs a phone to call and somewhere to go. */
export function contactProblem(form: VisitForm): { field: string; message: string } | null {
  if (!form.phone.trim()) return { field: 'phone', message: '请填写联系电话，方便工作人员上门前联系您' };
  const phone = phoneProblem(form.phone);
  if (phone) return { field: 'phone', message: phone };
  if (!form.buildingCode && !form.address.trim()) return { field: 'address', message: '请选择楼栋或填写上门地址' };
  return null;
}

export function phoneProblem(phone: string): string {
  const p = phone.trim();
  if (!p) return '';
  return /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/.test(p) ? '' : '电话号码格式不正确';
}

import { View } from '@tarojs/components';
import { useState } from 'react';
import { callFunction } from '../../../api/call';
import Field from '../../../components/Form/Field';
import SubmitButton from '../../../components/Form/SubmitButton';
import StaffGate from '../../../components/StaffGate';
import { useRemote } from '../../../lib/useRemote';
import { splitList } from '../../../lib/format';
import { useSave } from '../../../lib/useSubmit';
import { remoteBody } from '../../components/remote';
import Tap from '../../../components/Tap';
import '../../components/admin.scss';


/** 部门管理 (吹哨报到): each department and the report categories it owns. Tap one to edit it. */
export default function DepartmentsPage() {
  const depts = useRemote(() => callFunction('admin', 'departments.list', {}), []);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [categories, setCategories] = useState('');
  const [staff, setStaff] = useState('');
  const { busy, error, save } = useSave();
  const submit = () =>
    save(
      () => callFunction('admin', 'departments.upsert', { code: code.trim(), name: name.trim(), categories: splitList(categories), staff: splitList(staff) }),
      () => {
        setCode('');
        setName('');
        setCategories('');
        setStaff('');
        void depts.reload();
      },
    );
  return (
    <StaffGate title='部门管理' roles={['admin']}>
      {() => (
        <View>
          {remoteBody(
            depts.state,
            () => void depts.reload(),
            (d) => (
              <View className='cells'>
                {d.items.map((x) => (
                  <Tap
                    key={x.code}
                    className='cell dept'
                    onClick={() => {
                      setCode(x.code);
                      setName(x.name);
                      setCategories(x.categories.join(','));
                      setStaff((x.staff ?? []).join(','));
                    }}
                  >
                    <View className='cell__body'>
                      <View>
                        {x.name}（{x.code}）
                      </View>
                      <View className='cell__desc'>权属类别：{x.categories.join('、') || '无'}</View>
                    </View>
                  </Tap>
                ))}
              </View>
            ),
            (d) => !d.items.length && '还没有部门',
          )}
          <View className='section-title'>新增或修改部门（编码相同即修改）</View>
          <View className='cells'>
            <Field name='dept-code' label='编码' required maxlength={30} value={code} onChange={setCode} />
            <Field name='dept-name' label='名称' required maxlength={30} value={name} onChange={setName} />
            <Field name='dept-categories' label='权属类别（逗号分隔）' maxlength={400} value={categories} onChange={setCategories} />
            <Field name='dept-staff' label='部门人员 OPENID（逗号分隔）' maxlength={2000} value={staff} onChange={setStaff} />
          </View>
          {error ? <View className='form-error'>{error}</View> : null}
          <View className='form-actions'>
            <SubmitButton name='dept' text='保存部门' disabled={!code.trim() || !name.trim()} busy={busy} onClick={() => void submit()} />
          </View>
        </View>
      )}
    </StaffGate>
  );
}

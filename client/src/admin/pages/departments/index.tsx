import { View } from '@tarojs/components';
import { useState } from 'react';
import { callFunction } from '../../../api/call';
import Field from '../../../components/Form/Field';
import SubmitButton from '../../../components/Form/SubmitButton';
import { Loaded, StaffPage } from '../../../components/Page';
import { useRemote } from '../../../lib/useRemote';
import { useSave } from '../../../lib/useSubmit';
import MultiPicker from '../../components/MultiPicker';
import Tap from '../../../components/Tap';
import '../../components/admin.scss';
import FormError from '../../../components/Form/FormError';
import SectionTitle from '../../../components/SectionTitle';


/** 部门管理 (吹哨报到): each department and the report categories it owns. Tap one to edit it. */
export default function DepartmentsPage() {
  const depts = useRemote(() => callFunction('admin', 'departments.list', {}), []);
  // What a department can own and who can staff it, picked by name.
  const options = useRemote(() => callFunction('requests', 'options', {}), []);
  const people = useRemote(() => callFunction('admin', 'roles.list', {}), []);
  const categoryChoices = options.state.status === 'ready' ? options.state.data.reportCategories.map((c) => ({ value: c.code, label: `${c.icon ?? ''}${c.name}` })) : [];
  const staffChoices =
    people.state.status === 'ready' ? people.state.data.items.filter((p) => p.role !== 'resident').map((p) => ({ value: p.openid, label: p.name ?? p.openid, desc: p.name ? undefined : '未填姓名' })) : [];
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [categories, setCategories] = useState<string[]>([]);
  const [staff, setStaff] = useState<string[]>([]);
  const { busy, failure, retry, save } = useSave();
  const submit = () =>
    save(
      () => callFunction('admin', 'departments.upsert', { code: code.trim(), name: name.trim(), categories, staff }),
      () => {
        setCode('');
        setName('');
        setCategories([]);
        setStaff([]);
        void depts.reload();
      },
    );
  return (
    <StaffPage title='部门管理' roles={['admin']}>
      {() => (
        <View>
          <Loaded state={depts.state} onRetry={() => void depts.reload()} empty={(d) => !d.items.length && '还没有部门'}>
            {(d) => (
              <View className='cells'>
                {d.items.map((x) => (
                  <Tap
                    key={x.code}
                    className='cell dept'
                    onClick={() => {
                      setCode(x.code);
                      setName(x.name);
                      setCategories(x.categories);
                      setStaff(x.staff ?? []);
                    }}
                  >
                    <View className='cell__body'>
                      <View>
                        {x.name}
                      </View>
                      <View className='cell__desc'>权属类别：{x.categories.map((c) => categoryChoices.find((o) => o.value === c)?.label ?? c).join('、') || '无'}</View>
                    </View>
                  </Tap>
                ))}
              </View>
            )}
          </Loaded>
          <SectionTitle>新增或修改部门（编码相同即修改）</SectionTitle>
          <View className='cells'>
            <Field name='dept-code' label='编码' required maxlength={30} value={code} onChange={setCode} />
            <Field name='dept-name' label='名称' required maxlength={30} value={name} onChange={setName} />
          </View>
          <SectionTitle>权属类别</SectionTitle>
          <MultiPicker name='dept-categories' options={categoryChoices} value={categories} onChange={setCategories} />
          <SectionTitle>部门人员</SectionTitle>
          <MultiPicker name='dept-staff' options={staffChoices} value={staff} onChange={setStaff} />
          <FormError failure={failure} onRetry={retry} />
          <View className='form-actions'>
            <SubmitButton name='dept' text='保存部门' disabled={!code.trim() || !name.trim()} busy={busy} onClick={() => void submit()} />
          </View>
        </View>
      )}
    </StaffPage>
  );
}

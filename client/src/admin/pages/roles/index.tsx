import { View } from '@tarojs/components';
import { useState } from 'react';
import type { RoleView } from '@qgt/shared/admin/views';
import type { Role } from '@qgt/shared/roles';
import { callFunction } from '../../../api/call';
import Choices from '../../../components/Form/Choices';
import Field from '../../../components/Form/Field';
import SubmitButton from '../../../components/Form/SubmitButton';
import { Loaded, StaffPage } from '../../../components/Page';
import { ROLE_LABELS } from '../../../lib/account';
import { useRemote } from '../../../lib/useRemote';
import { useSave } from '../../../lib/useSubmit';
import MultiPicker from '../../components/MultiPicker';
import '../../components/admin.scss';
import FormError from '../../../components/Form/FormError';

const ROLE_CHOICES = [
  { value: 'worker', label: '网格员' },
  { value: 'admin', label: '管理员', desc: '仅街道管理员可授予' },
  { value: 'resident', label: '居民（撤销权限）' },
];

function RoleForm({ communities, people, onDone }: { communities: string[]; people: RoleView[]; onDone: () => void }) {
  const [openid, setOpenid] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('worker');
  const [scope, setScope] = useState<string[]>(communities);
  const options = useRemote(() => callFunction('requests', 'options', {}), []);
  const communityChoices = options.state.status === 'ready' ? options.state.data.communities.map((c) => ({ value: c.code, label: c.name })) : [];
  // Someone already known is picked by name; a new person is identified by their OPENID.
  const pick = (openid: string) => {
    const p = people.find((x) => x.openid === openid);
    setOpenid(openid);
    setName(p?.name ?? '');
    if (p) setRole(p.role);
    if (p?.communities.length) setScope(p.communities);
  };
  const { busy, failure, retry, save } = useSave();
  const submit = () =>
    save(
      () => callFunction('admin', 'roles.set', { openid: openid.trim(), role, communities: scope, ...(name.trim() && { name: name.trim() }) }),
      () => {
        setOpenid('');
        setName('');
        onDone();
      },
    );
  return (
    <View>
      <View className='section-title'>设置角色</View>
      <View className='cells'>
        <Field name='role-openid' label='OPENID' required maxlength={64} value={openid} onChange={setOpenid} />
        <Field name='role-name' label='姓名' maxlength={20} value={name} onChange={setName} />
      </View>
      {people.length ? (
        <View>
          <View className='section-title'>或选择已有人员</View>
          <Choices name='role-person' options={people.map((p) => ({ value: p.openid, label: p.name ?? p.openid, desc: ROLE_LABELS[p.role] ?? p.role }))} value={openid} onChange={pick} />
        </View>
      ) : null}
      <View className='section-title'>社区</View>
      <MultiPicker name='role-communities' options={communityChoices} value={scope} onChange={setScope} />
      <Choices name='role' options={ROLE_CHOICES} value={role} onChange={(v) => setRole(v as Role)} />
      <FormError failure={failure} onRetry={retry} />
      <View className='form-actions'>
        <SubmitButton name='role' text='保存' disabled={!openid.trim()} busy={busy} onClick={() => void submit()} />
      </View>
    </View>
  );
}

/** 角色管理: who is admin / worker of which communities. */
export default function RolesPage() {
  const list = useRemote(() => callFunction('admin', 'roles.list', {}), []);
  return (
    <StaffPage title='角色管理' roles={['admin']}>
      {(me) => (
        <View>
          <Loaded state={list.state} onRetry={() => void list.reload()} empty={(d) => !d.items.length && '没有角色记录'}>
            {(d) => (
              <View>
                <View className='cells'>
                  {d.items.map((r) => (
                    <View key={r.openid} className='cell role-row'>
                      <View className='cell__body'>
                        <View>
                          {r.name ?? r.openid} · {ROLE_LABELS[r.role] ?? r.role}
                          {r.subdistrictAdmin ? '（街道）' : ''}
                        </View>
                        <View className='cell__desc'>
                          {r.openid} · {r.communities.join('、') || '—'}
                        </View>
                      </View>
                    </View>
                  ))}
                </View>
                <RoleForm communities={d.items.find((r) => r.openid === me.openid)?.communities ?? []} people={d.items} onDone={() => void list.reload()} />
              </View>
            )}
          </Loaded>
        </View>
      )}
    </StaffPage>
  );
}

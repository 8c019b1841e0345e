import { View } from '@tarojs/components';
import { useState } from 'react';
import type { Role } from '@qgt/shared/roles';
import { callFunction } from '../../../api/call';
import Choices from '../../../components/Form/Choices';
import Field from '../../../components/Form/Field';
import SubmitButton from '../../../components/Form/SubmitButton';
import { Loaded, StaffPage } from '../../../components/Page';
import { ROLE_LABELS } from '../../../lib/account';
import { useRemote } from '../../../lib/useRemote';
import { splitList } from '../../../lib/format';
import { useSave } from '../../../lib/useSubmit';
import '../../components/admin.scss';
import FormError from '../../../components/Form/FormError';

const ROLE_CHOICES = [
  { value: 'worker', label: '网格员' },
  { value: 'admin', label: '管理员', desc: '仅街道管理员可授予' },
  { value: 'resident', label: '居民（撤销权限）' },
];

function RoleForm({ communities, onDone }: { communities: string[]; onDone: () => void }) {
  const [openid, setOpenid] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('worker');
  const [scope, setScope] = useState(communities.join(','));
  const { busy, failure, retry, save } = useSave();
  const submit = () =>
    save(
      () => callFunction('admin', 'roles.set', { openid: openid.trim(), role, communities: splitList(scope), ...(name.trim() && { name: name.trim() }) }),
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
        <Field name='role-communities' label='社区（编码，逗号分隔）' maxlength={400} value={scope} onChange={setScope} />
      </View>
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
                <RoleForm communities={d.items.find((r) => r.openid === me.openid)?.communities ?? []} onDone={() => void list.reload()} />
              </View>
            )}
          </Loaded>
        </View>
      )}
    </StaffPage>
  );
}

import { Image, View } from '@tarojs/components';
import { useState } from 'react';
import type { InviteView, RoleView } from '@qgt/shared/admin/views';
import type { Role } from '@qgt/shared/roles';
import { callFunction } from '../../../api/call';
import Choices, { type Choice } from '../../../components/Form/Choices';
import { imageAlt } from '../../../lib/a11y';
import { dateTimeLabel } from '../../../lib/time';
import Field from '../../../components/Form/Field';
import SubmitButton from '../../../components/Form/SubmitButton';
import { Loaded, StaffPage } from '../../../components/Page';
import { roleLabel } from '../../../lib/account';
import { useRemote } from '../../../lib/useRemote';
import { useSave } from '../../../lib/useSubmit';
import MultiPicker from '../../components/MultiPicker';
import '../../components/admin.scss';
import FormError from '../../../components/Form/FormError';
import SectionTitle from '../../../components/SectionTitle';
import OpenInvites from './OpenInvites';

const ROLE_CHOICES = [
  { value: 'worker', label: '网格员' },
  { value: 'admin', label: '管理员', desc: '仅街道管理员可授予' },
  { value: 'resident', label: '居民（撤销权限）' },
];

/** Someone already listed: picked by name, then their role and communities set. */
function RoleForm({ communities, people, choices, onDone }: { communities: string[]; people: RoleView[]; choices: Choice[]; onDone: () => void }) {
  const [openid, setOpenid] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('worker');
  const [scope, setScope] = useState<string[]>(communities);
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
      () => callFunction('admin', 'roles.set', { openid, role, communities: scope, ...(name.trim() && { name: name.trim() }) }),
      () => {
        setOpenid('');
        setName('');
        onDone();
      },
    );
  return (
    <View>
      <SectionTitle>设置角色（已有人员）</SectionTitle>
      <Choices name='role-person' label='人员' options={people.map((p) => ({ value: p.openid, label: p.name ?? '未填姓名', desc: roleLabel(p.role) }))} value={openid} onChange={pick} />
      {openid ? (
        <View>
          <View className='cells'>
            <Field name='role-name' label='姓名' maxlength={20} value={name} onChange={setName} />
          </View>
          <SectionTitle>社区</SectionTitle>
          <MultiPicker name='role-communities' options={choices} value={scope} onChange={setScope} />
          <Choices name='role' options={ROLE_CHOICES} value={role} onChange={(v) => setRole(v as Role)} />
        </View>
      ) : null}
      <FormError failure={failure} onRetry={retry} />
      <View className='form-actions'>
        <SubmitButton name='role' text='保存' disabled={!openid} busy={busy} onClick={() => void submit()} />
      </View>
    </View>
  );
}

/**
 * Someone not yet listed: a one-time invitation (code and QR) for a role and communities; they
 * open it in the mini-program and accept, so their account comes from WeChat, never typed here.
 */
function InviteForm({ communities, choices, onDone }: { communities: string[]; choices: Choice[]; onDone: () => void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState('worker');
  const [scope, setScope] = useState<string[]>(communities);
  const [made, setMade] = useState<InviteView | null>(null);
  const { busy, failure, retry, save } = useSave();
  const submit = () => {
    let invite: InviteView | null = null;
    return save(
      async () => (invite = await callFunction('admin', 'roles.invite', { role: role as 'worker' | 'admin', communities: scope, ...(name.trim() && { name: name.trim() }) })),
      () => {
        setMade(invite);
        setName('');
        onDone();
      },
    );
  };
  return (
    <View>
      <SectionTitle>邀请新人员</SectionTitle>
      <View className='cells'>
        <Field name='invite-name' label='姓名（可选）' maxlength={20} value={name} onChange={setName} />
      </View>
      <SectionTitle>社区</SectionTitle>
      <MultiPicker name='invite-communities' options={choices} value={scope} onChange={setScope} />
      <Choices name='invite-role' options={ROLE_CHOICES.filter((c) => c.value !== 'resident')} value={role} onChange={setRole} />
      <FormError failure={failure} onRetry={retry} />
      <View className='form-actions'>
        <SubmitButton name='invite' text='生成邀请' disabled={!scope.length} busy={busy} onClick={() => void submit()} />
      </View>
      {made ? (
        <View className='block invite'>
          <View className='invite__code'>邀请码：{made.code}</View>
          <Image {...imageAlt(`邀请${made.name ?? ''}加入的二维码`)} className='invite__qr' src={made.image} style={{ width: '160px', height: '160px' }} />
          <View className='muted invite__hint'>
            请对方用微信扫码，或在小程序中输入邀请码；接受后即为{made.communityNames.join('、')}的{roleLabel(made.role)}。只能使用一次，{dateTimeLabel(made.expiresAt)}前有效。
          </View>
        </View>
      ) : null}
    </View>
  );
}

/** 角色管理: who is admin / worker of which communities; new people join by invitation, which can be withdrawn until used. */
export default function RolesPage() {
  const list = useRemote(() => callFunction('admin', 'roles.list', {}), []);
  const invites = useRemote(() => callFunction('admin', 'roles.invites', {}), []);
  const options = useRemote(() => callFunction('requests', 'options', {}), []);
  const communityChoices = options.state.status === 'ready' ? options.state.data.communities.map((c) => ({ value: c.code, label: c.name })) : [];
  return (
    <StaffPage title='角色管理' roles={['admin']}>
      {(me) => {
        const mine = (items: RoleView[]) => items.find((r) => r.openid === me.openid)?.communities ?? [];
        return (
        <View>
          <Loaded state={list.state} onRetry={() => void list.reload()} empty={(d) => !d.items.length && '没有角色记录'}>
            {(d) => (
              <View>
                <View className='cells'>
                  {d.items.map((r) => (
                    <View key={r.openid} className='cell role-row'>
                      <View className='cell__body'>
                        <View>
                          {r.name ?? '未填姓名'} · {roleLabel(r.role)}
                          {r.subdistrictAdmin ? '（街道）' : ''}
                        </View>
                        <View className='cell__desc'>{(r.communityNames ?? r.communities).join('、') || '—'}</View>
                      </View>
                    </View>
                  ))}
                </View>
                <RoleForm communities={mine(d.items)} people={d.items.filter((r) => r.openid !== me.openid)} choices={communityChoices} onDone={() => void list.reload()} />
                <InviteForm communities={mine(d.items)} choices={communityChoices} onDone={() => void invites.reload()} />
                <OpenInvites state={invites.state} reload={invites.reload} />
              </View>
            )}
          </Loaded>
        </View>
        );
      }}
    </StaffPage>
  );
}

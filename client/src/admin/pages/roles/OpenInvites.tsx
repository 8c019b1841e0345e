import { View } from '@tarojs/components';
import { useState } from 'react';
import type { InviteListItem } from '@qgt/shared/admin/views';
import { callFunction } from '../../../api/call';
import FormError from '../../../components/Form/FormError';
import SubmitButton from '../../../components/Form/SubmitButton';
import { Loaded } from '../../../components/Page';
import SectionTitle from '../../../components/SectionTitle';
import { roleLabel } from '../../../lib/account';
import { confirmDialog } from '../../../lib/dialog';
import { dateTimeLabel } from '../../../lib/time';
import { showToast } from '../../../lib/toast';
import type { Remote } from '../../../lib/useRemote';
import { useSubmit, useSubmitFailure } from '../../../lib/useSubmit';

const who = (i: InviteListItem) => `${i.name ?? '未填姓名'}（${roleLabel(i.role)}，${i.communityNames.join('、')}）`;

/**
 * 待接受的邀请: the open invitations this admin may see (admin.roles.invites); one sent to the
 * wrong person is withdrawn here (撤销, after a confirmation), then the list is read again.
 */
export default function OpenInvites({ state, reload }: { state: Remote<{ items: InviteListItem[] }>; reload: () => Promise<void> }) {
  const [revoking, setRevoking] = useState<string | null>(null);
  const { busy, run } = useSubmit();
  const failed = useSubmitFailure();
  const revoke = (invite: InviteListItem) =>
    run(async () => {
      const confirmed = await confirmDialog({
        title: '撤销这份邀请？',
        content: `撤销后，${who(invite)}将无法再用此邀请码加入。`,
        confirmText: '撤销邀请',
        cancelText: '保留',
        warn: true,
      });
      if (!confirmed) return;
      failed.clear();
      setRevoking(invite.id);
      try {
        await callFunction('admin', 'roles.revokeInvite', { id: invite.id });
        void showToast({ title: '邀请已撤销', icon: 'success' });
        await reload();
      } catch (e) {
        failed.set(e, () => void revoke(invite));
      } finally {
        setRevoking(null);
      }
    });
  return (
    <View className='open-invites'>
      <SectionTitle>待接受的邀请</SectionTitle>
      <FormError failure={failed.failure} onRetry={failed.retry} />
      <Loaded state={state} onRetry={() => void reload()} empty={(d) => !d.items.length && '没有待接受的邀请'} emptyClass='open-invites__empty'>
        {(d) => (
          <View className='cells'>
            {d.items.map((i) => (
              <View key={i.id} className='cell open-invites__item'>
                <View className='cell__body'>
                  <View className='cell__title'>
                    {i.name ?? '未填姓名'} · {roleLabel(i.role)}
                  </View>
                  <View className='cell__desc'>{i.communityNames.join('、')}</View>
                  <View className='cell__desc'>
                    {i.invitedBy}邀请 · {dateTimeLabel(i.expiresAt)}前有效
                  </View>
                </View>
                <SubmitButton
                  name='invite-revoke'
                  tone='plain'
                  text='撤销'
                  busyText='正在撤销…'
                  label={`撤销邀请：${who(i)}`}
                  busy={busy && revoking === i.id}
                  disabled={busy && revoking !== i.id}
                  onClick={() => void revoke(i)}
                />
              </View>
            ))}
          </View>
        )}
      </Loaded>
    </View>
  );
}

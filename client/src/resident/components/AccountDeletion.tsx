import { View } from '@tarojs/components';
import { useState } from 'react';
import { callFunction } from '../../api/call';
import FormError from '../../components/Form/FormError';
import SubmitButton from '../../components/Form/SubmitButton';
import { resetMe } from '../../lib/account';
import { confirmDialog } from '../../lib/dialog';
import { goHome } from '../../lib/nav';
import { clearAllStorage } from '../../lib/storage';
import { useSubmit, useSubmitFailure } from '../../lib/useSubmit';
import Tap from '../../components/Tap';
import './resident.scss';

const DELETED = ['您的账号，以及您上传的全部照片', '“我也遇到”关注记录和消息通知记录', '本机保存的草稿和浏览记录'];
const WITHDRAWN = '尚在办理的诉求和上门预约将撤销。';
const KEPT = [
  '已受理诉求的办理记录：社区须对已办工作负责，记录保留但不再关联到您——描述中的电话、证件号打码，上门地址删除',
  '系统运行日志：依《网络安全法》留存不少于六个月；日志不记录您的手机号、证件号',
];

/**
 * 注销账号: what goes and what the law makes us keep (see shared domain/erasure.ts), a
 * confirmation, then `account.delete`; on success the device forgets everything of this app and
 * returns to a fresh home page.
 */
export default function AccountDeletion() {
  const [open, setOpen] = useState(false);
  const { busy, run } = useSubmit();
  const failed = useSubmitFailure();

  const remove = () =>
    run(async () => {
      const confirmed = await confirmDialog({
        title: '确认注销账号？',
        content: '注销后以上记录将被删除且无法恢复。',
        confirmText: '确认注销',
        cancelText: '再想想',
        warn: true,
      });
      if (!confirmed) return;
      failed.clear();
      try {
        await callFunction('account', 'delete', { confirm: true });
        clearAllStorage();
        resetMe();
        goHome({ kind: 'account-deleted' });
      } catch (e) {
        failed.set(e, () => void remove());
      }
    });

  if (!open) {
    return (
      <View className='cells account'>
        <Tap className='cell account__open' onClick={() => setOpen(true)}>
          <View className='cell__body'>
            <View className='cell__title'>注销账号</View>
          </View>
          <View className='cell__arrow'>›</View>
        </Tap>
      </View>
    );
  }
  return (
    <View className='account account--open'>
      <View className='block account__explain'>
        <View className='account__heading'>注销后将删除：</View>
        {DELETED.map((t) => (
          <View key={t} className='account__item'>
            · {t}
          </View>
        ))}
        <View className='account__item'>{WITHDRAWN}</View>
        <View className='account__heading'>依法需要保留：</View>
        {KEPT.map((t) => (
          <View key={t} className='account__item'>
            · {t}
          </View>
        ))}
      </View>
      <FormError failure={failed.failure} onRetry={failed.retry} />
      <View className='form-actions'>
        <SubmitButton name='delete-account' tone='warn' text='注销账号' busyText='正在注销…' busy={busy} onClick={() => void remove()} />
        <Tap className='btn btn--plain account__close' onClick={busy ? undefined : () => setOpen(false)}>
          不注销了
        </Tap>
      </View>
    </View>
  );
}

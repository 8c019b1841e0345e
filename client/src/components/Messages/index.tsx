import { View } from '@tarojs/components';
import { useState } from 'react';
import { callFunction } from '../../api/call';
import { openPage } from '../../lib/nav';
import { whenLabel } from '../../lib/time';
import { useRemote } from '../../lib/useRemote';
import Tap from '../Tap';
import './messages.scss';
import SectionTitle from '../SectionTitle';

/**
 * 消息: what we told the person, newest first, with a badge for the unread ones. A message WeChat
 * could not deliver (no subscription left) is here too, marked 未推送: the fallback is visible,
 * never silent. Tapping one opens its request; 全部已读 clears the badge.
 */
export default function Messages({ staff = false }: { staff?: boolean }) {
  const { state, reload } = useRemote(() => callFunction('account', 'messages', {}), [], { refreshOnShow: true });
  const [open, setOpen] = useState(false);
  if (state.status !== 'ready' || !state.data.items.length) return null;
  const { items, unread } = state.data;
  const markRead = async () => {
    await callFunction('account', 'messages.read', {}).catch(() => undefined);
    await reload();
  };
  return (
    <View className='messages'>
      <Tap className='messages__head' onClick={() => setOpen(!open)}>
        <SectionTitle>消息</SectionTitle>
        {unread ? <View className='messages__badge'>{unread > 99 ? '99+' : unread}</View> : null}
        <View className='messages__toggle muted'>{open ? '收起' : '查看'}</View>
      </Tap>
      {open ? (
        <View className='cells'>
          {items.slice(0, 20).map((m) => (
            <Tap key={m.id} className={m.unread ? 'messages__item messages__item--unread' : 'messages__item'} onClick={() => openPage(staff ? 'workRequest' : 'detail', { id: m.requestId })}>
              <View className='messages__title'>{m.title}</View>
              <View>{m.message}</View>
              <View className='muted'>
                {whenLabel(m.at)}
                {m.pushed ? '' : ' · 未推送到微信'}
              </View>
            </Tap>
          ))}
          {unread ? (
            <Tap className='btn btn--plain messages__read' onClick={() => void markRead()}>
              全部已读
            </Tap>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}

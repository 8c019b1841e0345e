import { View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { callFunction } from '../../../api/call';
import Messages from '../../../components/Messages';
import Notice from '../../../components/Notice';
import PageShell from '../../../components/PageShell';
import PendingPage from '../../../components/LoadState/PendingPage';
import RequestCard from '../../../components/Request/RequestCard';
import { BOOKING_PAGE, DETAIL_PAGE, openPage, REPORT_PAGE } from '../../../lib/nav';
import { useRemote } from '../../../lib/useRemote';
import AccountDeletion from '../../components/AccountDeletion';
import Tap from '../../../components/Tap';
import '../../components/resident.scss';

/** 我的诉求: the resident's requests and those they follow, newest first, refreshed on every show; 注销账号 at the bottom. */
export default function MinePage() {
  const { state, reload } = useRemote(() => callFunction('requests', 'mine', {}), [], { refreshOnShow: true });
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  if (state.status !== 'ready') return <PendingPage state={state} onRetry={() => void reload()} loading='正在加载我的诉求…' />;
  const { items } = state.data;
  return (
    <PageShell>
      {state.error ? <Notice tone='error' text={`刷新失败：${state.error}`} actionText='重试' onAction={() => void reload()} /> : null}
      <Messages />
      {items.length ? (
        <View>
          <View className='section-title'>共 {items.length} 条</View>
          <View className='cells mine__list'>
            {items.map((r) => (
              <RequestCard key={r.id} request={r} onOpen={(id) => openPage(DETAIL_PAGE, { id })} />
            ))}
          </View>
        </View>
      ) : (
        <View className='done mine__empty'>
          <View className='done__text'>您还没有提交过诉求</View>
          <Tap className='btn btn--primary' onClick={() => openPage(REPORT_PAGE)}>
            随手拍
          </Tap>
          <Tap className='btn btn--plain' onClick={() => openPage(BOOKING_PAGE)}>
            预约上门帮办
          </Tap>
        </View>
      )}
      <AccountDeletion />
    </PageShell>
  );
}

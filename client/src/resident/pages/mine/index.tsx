import { View } from '@tarojs/components';
import { callFunction } from '../../../api/call';
import Messages from '../../../components/Messages';
import Page from '../../../components/Page';
import RequestCard from '../../../components/Request/RequestCard';
import { openPage } from '../../../lib/nav';
import { useRemote } from '../../../lib/useRemote';
import AccountDeletion from '../../components/AccountDeletion';
import Tap from '../../../components/Tap';
import '../../components/resident.scss';
import SectionTitle from '../../../components/SectionTitle';

/** 我的诉求: the resident's requests and those they follow, newest first, refreshed on every show; 注销账号 at the bottom. */
export default function MinePage() {
  const { state, reload } = useRemote(() => callFunction('requests', 'mine', {}), [], { refreshOnShow: true, pullDown: true });

  return (
    <Page state={state} onRetry={() => void reload()} loading='正在加载我的诉求…'>
      {({ items }) => (
        <View>
          <Messages />
          {items.length ? (
            <View>
              <SectionTitle>共 {items.length} 条</SectionTitle>
              <View className='cells mine__list'>
                {items.map((r) => (
                  <RequestCard key={r.id} request={r} onOpen={(id) => openPage('detail', { id })} />
                ))}
              </View>
            </View>
          ) : (
            <View className='done mine__empty'>
              <View className='done__text'>您还没有提交过诉求</View>
              <Tap className='btn btn--primary' onClick={() => openPage('report')}>
                随手拍
              </Tap>
              <Tap className='btn btn--plain' onClick={() => openPage('booking')}>
                预约上门帮办
              </Tap>
            </View>
          )}
          <AccountDeletion />
        </View>
      )}
    </Page>
  );
}

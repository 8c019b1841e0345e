import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect } from 'react';
import type { StationInfo } from '@qgt/shared/guide/api';
import { callFunction } from '../../api/call';
import InfoRow from '../../components/InfoRow';
import MatterList from '../../components/MatterList';
import Page from '../../components/Page';
import { openPage, useRouteQuery } from '../../lib/nav';
import { callPhone, openPlace } from '../../lib/place';
import { useRemote } from '../../lib/useRemote';
import Tap from '../../components/Tap';
import './index.scss';
import SectionTitle from '../../components/SectionTitle';

/**
 * A station's page, opened by its poster QR (`s=<code>`): where it is, when it is open, whom to
 * call, what can be done there, and the way to book a doorstep visit or report a problem instead.
 */
export default function StationPage() {
  const code = useRouteQuery('station').code;
  const remote = useRemote(() => callFunction('guide', 'scene', { scene: `s=${code}` }) as Promise<StationInfo>, [code]);
  const station = remote.state.status === 'ready' ? remote.state.data : null;

  useEffect(() => {
    if (station) void Taro.setNavigationBarTitle({ title: station.name });
  }, [station]);

  return (
    <Page state={remote.state} onRetry={() => void remote.reload()} loading='正在加载站点信息…'>
      {(station) => (
        <View>
          <View className='station__head'>
            <View className='station__name'>{station.name}</View>
            <View className='station__kind'>
              {station.communityName} · {station.kindName}
        </View>
      </View>
      <View className='cells'>
        <InfoRow label='开放时间'>{station.hours}</InfoRow>
        {station.address ? (
          <Tap className='cell station__address' onClick={station.point ? () => openPlace(station.point!, station.name, station.address) : undefined}>
            <View className='cell__body'>
              <View className='cell__desc'>地址</View>
              <View className='cell__title'>{station.address}</View>
            </View>
            {station.point ? <View className='link'>导航</View> : null}
          </Tap>
        ) : null}
        {station.phone ? (
          <Tap className='cell station__phone' onClick={() => callPhone(station.phone!)}>
            <View className='cell__body'>
              <View className='cell__desc'>咨询电话</View>
              <View className='cell__title'>{station.phone}</View>
            </View>
            <View className='link'>拨打</View>
          </Tap>
        ) : null}
      </View>
      <View className='station__actions'>
        <Tap className='btn btn--primary station__book' onClick={() => openPage('booking')}>
          不便前来？预约上门帮办
        </Tap>
        <Tap className='btn btn--plain station__report' onClick={() => openPage('report')}>
          随手拍反映问题
        </Tap>
      </View>
      <SectionTitle>在这里可以办理 · 共{station.matters.length}项</SectionTitle>
      <MatterList items={station.matters.map((m) => ({ code: m.code, title: m.title, desc: m.onTheSpot ? '可当场办结' : undefined }))} />
        </View>
      )}
    </Page>
  );
}

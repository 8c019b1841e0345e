import { View } from '@tarojs/components';
import { useState } from 'react';
import type { LatLng } from '@qgt/shared/domain/community';
import type { BuildingView } from '@qgt/shared/requests/api';
import Choices from '../../components/Form/Choices';
import { PLACE_UNNAMED, placeName } from '@qgt/shared/domain/placeName';
import Tap from '../../components/Tap';
import './resident.scss';

export interface Place {
  location?: LatLng;
  buildingCode?: string;
  buildingName?: string;
}

export type LocateState = { status: 'idle' } | { status: 'locating' } | { status: 'failed'; message: string };

interface Props {
  place: Place;
  buildings: BuildingView[];
  /** Community names, to name a located point (code → name). */
  communities?: { code: string; name: string }[];
  locate: LocateState;
  onLocate: () => void;
  onBuilding: (b: BuildingView) => void;
  disabled?: boolean;
}

/**
 * Where the problem is: the device's position, or — without GPS, or by choice — a building of the
 * community. A building's own point (if it has one) also serves the duplicate check.
 */
export default function PlacePicker({ place, buildings, communities = [], locate, onLocate, onBuilding, disabled }: Props) {
  const [picking, setPicking] = useState(false);
  const byCode = new Map(buildings.map((b) => [b.code, b]));
  const showBuildings = picking || locate.status === 'failed' || (!!place.buildingCode && !place.location);
  const gps = place.location && !place.buildingCode;
  const communityNames = new Map(communities.map((c) => [c.code, c.name]));
  const located = gps ? placeName(place.location!, buildings.map((b) => ({ ...b, communityName: communityNames.get(b.community) }))) : '';

  return (
    <View className='place'>
      <View className='cell place__current'>
        <View className='cell__body'>
          {gps ? (
            <View className='cell__title place__gps'>{located === PLACE_UNNAMED ? located : `已定位：${located}`}</View>
          ) : place.buildingCode ? (
            <View className='cell__title place__building'>楼栋：{place.buildingName ?? byCode.get(place.buildingCode)?.name ?? place.buildingCode}</View>
          ) : locate.status === 'locating' ? (
            <View className='cell__title muted'>正在定位…</View>
          ) : (
            <View className='cell__title muted'>尚未选择位置</View>
          )}
          {locate.status === 'failed' ? <View className='cell__desc place__error'>{locate.message}</View> : null}
        </View>
        {disabled ? null : (
          <View className='place__actions'>
            <Tap className='link place__locate' onClick={locate.status === 'locating' ? undefined : onLocate}>
              {gps ? '重新定位' : '定位'}
            </Tap>
            {buildings.length && !showBuildings ? (
              <Tap className='link place__pick' onClick={() => setPicking(true)}>
                选楼栋
              </Tap>
            ) : null}
          </View>
        )}
      </View>
      {showBuildings && !disabled ? (
        buildings.length ? (
          <Choices
            name='building'
            options={buildings.map((b) => ({ value: b.code, label: b.name, desc: b.gridName }))}
            value={place.buildingCode}
            onChange={(code) => {
              const b = byCode.get(code);
              if (b) onBuilding(b);
            }}
          />
        ) : (
          <View className='block muted'>本社区暂无楼栋信息，可不填位置，由社区工作人员联系您确认。</View>
        )
      ) : null}
    </View>
  );
}

import { Map as WxMap, View } from '@tarojs/components';
import type { RequestView } from '@qgt/shared/requests/views';
import { callPhone, openPlace, type MapPoint } from '../../lib/place';
import Tap from '../Tap';

/**
 * Where a request is and whom to call, as rows of a .cells block: the building or address by name
 * (never raw coordinates), a map with the point on weapp, navigation (openLocation / 高德 on h5),
 * and the visit's contact phone with a call button for staff.
 */
export default function PlaceRows({ request: r, withMap = false, withPhone = false, buildingPoint }: { request: RequestView; withMap?: boolean; withPhone?: boolean; buildingPoint?: MapPoint }) {
  const point = r.location ?? buildingPoint;
  const where = [r.buildingName, r.address].filter(Boolean).join(' ');
  const place = where || (r.location ? (r.gridName ? `${r.gridName}（定位点）` : '已定位的位置') : '');
  const name = r.buildingName ?? r.address ?? r.title;
  return (
    <>
      {place ? (
        <Tap className='cell place-row' onClick={point ? () => openPlace(point, name, r.address) : undefined}>
          <View className='cell__body'>
            <View className='cell__desc'>{r.kind === 'visit' ? '上门地址' : '问题位置'}</View>
            <View className='cell__title place-row__name'>{place}</View>
          </View>
          {point ? <View className='link place-row__nav'>导航</View> : null}
        </Tap>
      ) : null}
      {withMap && point && process.env.TARO_ENV === 'weapp' ? (
        <View className='cell place-map'>
          <WxMap
            className='place-map__map'
            latitude={point.lat}
            longitude={point.lng}
            scale={16}
            markers={[{ id: 1, latitude: point.lat, longitude: point.lng, title: name, width: 24, height: 34, iconPath: '' }]}
            onTap={() => openPlace(point, name, r.address)}
            onError={() => undefined}
          />
        </View>
      ) : null}
      {withPhone && r.contactPhone ? (
        <Tap className='cell place-phone' role={r.contactPhone.includes('*') ? 'button' : 'link'} onClick={() => callPhone(r.contactPhone!)}>
          <View className='cell__body'>
            <View className='cell__desc'>联系电话</View>
            <View className='cell__title'>{r.contactPhone}</View>
          </View>
          {r.contactPhone.includes('*') ? null : <View className='link'>拨打</View>}
        </Tap>
      ) : null}
    </>
  );
}

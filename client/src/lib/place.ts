import Taro from '@tarojs/taro';

/**
 * Reaching a person or a place from a page: a phone number opens the dialler; a point opens the
 * map app with navigation (weapp: wx.openLocation; h5: the 高德 marker page, which offers routes).
 */
export function callPhone(phoneNumber: string): void {
  void Taro.makePhoneCall({ phoneNumber }).catch(() => undefined);
}

export interface MapPoint {
  lat: number;
  lng: number;
}

export function amapUrl(p: MapPoint, name: string): string {
  return `https://uri.amap.com/marker?position=${p.lng},${p.lat}&name=${encodeURIComponent(name)}&coordinate=gaode&callnative=1`;
}

export function openPlace(p: MapPoint, name: string, address?: string): void {
  if (process.env.TARO_ENV === 'weapp') {
    void Taro.openLocation({ latitude: p.lat, longitude: p.lng, name, address: address ?? '', scale: 17 }).catch(() => undefined);
    return;
  }
  if (typeof window !== 'undefined') window.open(amapUrl(p, name), '_blank', 'noopener');
}

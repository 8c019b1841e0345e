import Taro from '@tarojs/taro';
import type { LatLng } from '@qgt/shared/domain/community';
import { toStoredLatLng } from '@qgt/shared/domain/datum';

/**
 * The resident's position for a report, in GCJ-02 (the datum grids are stored in). weapp:
 * wx.getLocation in gcj02. h5: the browser's geolocation if the resident allows it, which is
 * WGS-84 — converted (gcoord), or a point near a grid's edge lands ~300 m off, in the wrong grid. Rejects with a Chinese
 * message; the form then offers the building picker instead.
 */
export async function locate(timeoutMs = 10_000): Promise<LatLng> {
  if (process.env.TARO_ENV === 'weapp') {
    try {
      const r = await Taro.getLocation({ type: 'gcj02' });
      return { lat: r.latitude, lng: r.longitude };
    } catch (e) {
      const msg = String((e as { errMsg?: unknown })?.errMsg ?? '');
      throw new Error(/auth|deny|denied/i.test(msg) ? '未获得定位权限，请选择所在楼栋' : '定位失败，请选择所在楼栋');
    }
  }
  if (typeof navigator === 'undefined' || !navigator.geolocation) throw new Error('当前浏览器不支持定位，请选择所在楼栋');
  return new Promise<LatLng>((resolve, reject) => {
    navigator.geolocation.getCurrentPosition(
      (p) => resolve(toStoredLatLng({ lat: p.coords.latitude, lng: p.coords.longitude }, 'wgs84')),
      (err) => reject(new Error(err.code === 1 ? '未获得定位权限，请选择所在楼栋' : '定位失败，请选择所在楼栋')),
      { timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}

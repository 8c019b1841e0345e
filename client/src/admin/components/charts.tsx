import { View } from '@tarojs/components';
import type { MetricsView } from '@qgt/shared/metrics/views';
import { a11yProps } from '../../lib/a11y';
import Tap from '../../components/Tap';

/** Plain-View charts (weapp and H5) plus small inline SVGs in H5 only; no chart library. */

export const pct = (r: number) => `${Math.round(r * 1000) / 10}%`;

/** A share, or — when there is nothing to divide (no 0% for "none yet"). */
export const ratio = (n: number, d: number) => (d > 0 ? pct(n / d) : '—');

export function Bars({ rows, name, onOpen }: { rows: { key: string; label: string; value: number; text: string; warn?: boolean }[]; name: string; onOpen?: (key: string) => void }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <View className={`bars bars--${name}`}>
      {rows.map((r) => (
        <Tap key={r.key} className={onOpen ? 'bar bar--link' : 'bar'} onClick={onOpen ? () => onOpen(r.key) : undefined}>
          <View className='bar__label'>{r.label}</View>
          <View className='bar__track'>
            <View className={r.warn ? 'bar__fill bar__fill--warn' : 'bar__fill'} style={{ width: `${Math.round((r.value / max) * 100)}%` }} />
          </View>
          <View className='bar__value'>{r.text}</View>
        </Tap>
      ))}
    </View>
  );
}

/** Volume over time: an SVG line in H5, columns in weapp. */
export function Trend({ points }: { points: { label: string; count: number }[] }) {
  if (!points.length) return <View className='block muted'>该时段没有诉求</View>;
  const max = Math.max(1, ...points.map((p) => p.count));
  const axis = (
    <View className='trend__axis'>
      <View>{points[0].label}</View>
      <View>最高 {max} 件</View>
      <View>{points[points.length - 1].label}</View>
    </View>
  );
  if (process.env.TARO_ENV === 'h5') {
    const w = 600;
    const h = 160;
    const step = points.length > 1 ? w / (points.length - 1) : 0;
    const at = points.map((p, i) => [points.length > 1 ? Math.round(i * step) : w / 2, Math.round(h - 8 - (p.count / max) * (h - 16))]);
    const xy = at.map(([x, y]) => `${x},${y}`).join(' ');
    return (
      <View>
        <svg className='chart-svg trend-svg' viewBox={`-8 0 ${w + 16} ${h}`} role='img' aria-label={`诉求量走势：${points.map((p) => `${p.label} ${p.count}件`).join('，')}`}>
          <polyline points={xy} fill='none' stroke='#07c160' strokeWidth='3' />
          {points.length <= 62 ? at.map(([x, y], i) => <circle key={points[i].label} cx={x} cy={y} r='5' fill='#07c160' />) : null}
        </svg>
        {axis}
      </View>
    );
  }
  return (
    <View>
      <View className='trend'>
        {points.map((p) => (
          <View key={p.label} className='trend__col' style={{ height: `${Math.round((p.count / max) * 100)}%` }} {...a11yProps({ role: 'img', label: `${p.label} ${p.count}件` })} />
        ))}
      </View>
      {axis}
    </View>
  );
}

/** H5: the hot-spot cells as a scatter "map" (dot size by count). */
export function HotSpotMap({ places }: { places: MetricsView['hotSpots']['places'] }) {
  if (process.env.TARO_ENV !== 'h5' || places.length < 1) return null;
  const lats = places.map((p) => p.lat);
  const lngs = places.map((p) => p.lng);
  const [minLat, maxLat, minLng, maxLng] = [Math.min(...lats), Math.max(...lats), Math.min(...lngs), Math.max(...lngs)];
  const max = Math.max(...places.map((p) => p.count));
  const x = (lng: number) => 20 + ((lng - minLng) / (maxLng - minLng || 1)) * 560;
  const y = (lat: number) => 20 + (1 - (lat - minLat) / (maxLat - minLat || 1)) * 260;
  return (
    <svg className='chart-svg hotspot-map' viewBox='0 0 600 300' height='300' role='img' aria-label={`高发点位：${places.map((p) => `${p.name ?? p.topCategoryName ?? p.cell} ${p.count}件`).join('，')}`}>
      <rect x='0' y='0' width='600' height='300' fill='#f2f6f4' />
      {places.map((p) => (
        <circle key={p.cell} cx={x(p.lng)} cy={y(p.lat)} r={6 + (p.count / max) * 18} fill='#fa5151' fillOpacity='0.45'>
          <title>{`${p.name ? `${p.name} · ` : ''}${p.topCategoryName ?? p.topCategory} · ${p.count}件`}</title>
        </circle>
      ))}
    </svg>
  );
}

import { View } from '@tarojs/components';
import { useState } from 'react';
import type { MetricsRow, MetricsView } from '@qgt/shared/metrics/views';
import { callFunction } from '../../../api/call';
import Choices from '../../../components/Form/Choices';
import Notice from '../../../components/Notice';
import { Loaded, StaffPage } from '../../../components/Page';
import { openPage } from '../../../lib/nav';
import { dateLabel, dateRangeLabel, localDateAfter, localDateKey, weekLabel } from '../../../lib/time';
import { useRemote } from '../../../lib/useRemote';
import { useMe } from '../../../lib/account';
import { allowed } from '../../../components/StaffHeader';
import { useSubmit } from '../../../lib/useSubmit';
import { Bars, HotSpotMap, pct, ratio, Trend } from '../../components/charts';
import { downloadCsv } from '../../components/exportCsv';
import AuditExport from '../../components/AuditExport';
import Tap from '../../../components/Tap';
import { useRouteQuery } from '../../../lib/nav';
import { keepInUrl, useTableView } from '../../../lib/useTableView';
import { useWideScreen } from '../../../lib/useWideScreen';
import DataTable, { type TableColumn } from '../../components/DataTable';
import '../../components/admin.scss';
import SectionTitle from '../../../components/SectionTitle';

const PRESETS = [
  { value: '7d', label: '近7天' },
  { value: '30d', label: '近30天' },
  { value: 'month', label: '本月' },
  { value: 'year', label: '全年' },
];

export function presetRange(preset: string, now = Date.now()): { from: string; to: string } {
  const to = localDateKey(now);
  if (preset === '7d') return { from: localDateAfter(-6, now), to };
  if (preset === 'month') return { from: `${to.slice(0, 7)}-01`, to };
  if (preset === 'year') return { from: `${to.slice(0, 4)}-01-01`, to };
  return { from: localDateAfter(-29, now), to };
}

const DIMENSIONS = [
  { value: 'byGrid', label: '网格' },
  { value: 'byWorker', label: '网格员' },
  { value: 'byCategory', label: '类别' },
  { value: 'byDepartment', label: '部门' },
] as const;
type Dimension = (typeof DIMENSIONS)[number]['value'];
const isDimension = (v: string): v is Dimension => DIMENSIONS.some((d) => d.value === v);

const hours = (h: number) => (h >= 48 ? `${Math.round(h / 2.4) / 10}天` : `${Math.round(h * 10) / 10}小时`);

function Kpi({ label, value, hint, name, onOpen }: { label: string; value: string; hint?: string; name: string; onOpen?: () => void }) {
  return (
    <Tap className={onOpen ? `kpi kpi--${name} kpi--link` : `kpi kpi--${name}`} onClick={onOpen}>
      <View className='kpi__body'>
        <View className='kpi__label'>{label}</View>
        <View className='kpi__value'>{value}</View>
        {hint ? <View className='kpi__hint'>{hint}</View> : null}
      </View>
    </Tap>
  );
}

function rowBars(rows: MetricsRow[]) {
  return rows.map((r) => ({
    key: r.key || '-',
    label: r.name || '未分配',
    value: r.total,
    text: `${r.total}件 · 满意${r.rated ? pct(r.satisfactionRate) : '—'}${r.overdueNow ? ` · 超期${r.overdueNow}` : ''}`,
    warn: r.overdueNow > 0,
  }));
}

/** A breakdown as a PC table: the figures an office compares rows by (rates sort by value, empties last). */
const BREAKDOWN_COLUMNS: TableColumn<MetricsRow>[] = [
  { key: 'name', label: '名称', text: (r) => r.name || '未分配' },
  { key: 'total', label: '工单', text: (r) => `${r.total}`, sortValue: (r) => r.total },
  { key: 'resolved', label: '已办结', text: (r) => `${r.resolved}`, sortValue: (r) => r.resolved },
  { key: 'onTime', label: '按时办结率', text: (r) => (r.resolved ? pct(r.onTimeRate) : '—'), sortValue: (r) => (r.resolved ? r.onTimeRate : null) },
  { key: 'satisfaction', label: '满意度', text: (r) => (r.rated ? pct(r.satisfactionRate) : '—'), sortValue: (r) => (r.rated ? r.satisfactionRate : null) },
  { key: 'handling', label: '平均办理时长', text: (r) => (r.resolved ? hours(r.avgHandlingHours) : '—'), sortValue: (r) => (r.resolved ? r.avgHandlingHours : null) },
  { key: 'overdue', label: '超期未办', text: (r) => `${r.overdueNow}`, sortValue: (r) => r.overdueNow },
];

/** The request-list filter of a dashboard row (admin.requests.list). */
const ROW_FILTER: Record<Dimension, string> = { byGrid: 'gridCode', byWorker: 'assignee', byCategory: 'category', byDepartment: 'department' };

function Dashboard({ m, days, range }: { m: MetricsView; days: number; range: { from: string; to: string } }) {
  const q = useRouteQuery('dashboard');
  const [dim, setDimState] = useState<Dimension>(isDimension(q.dim) ? q.dim : 'byGrid');
  const setDim = (v: Dimension) => {
    setDimState(v);
    keepInUrl('dashboard', { dim: v }, true);
  };
  const wide = useWideScreen();
  const tableView = useTableView('dashboard');
  // Every figure opens the requests it counts, in the same window.
  const list = (title: string, query: Record<string, string> = {}) => () => openPage('adminRequests', { ...range, title, ...query });
  const openRow = (key: string) => {
    const row = m[dim].find((r) => (r.key || '-') === key);
    if (row?.key) list(row.name || '工单', { [ROW_FILTER[dim]]: row.key })();
  };
  const byDay = days <= 31;
  const points = byDay ? m.volume.byDay.map((d) => ({ label: dateLabel(d.date), count: d.count })) : m.volume.byWeek.map((w) => ({ label: weekLabel(w.week), count: w.count }));
  return (
    <View>
      <View className='kpis'>
        <Kpi name='total' label='总量' value={`${m.total}`} hint={`已办结 ${m.resolved}`} onOpen={list('全部工单')} />
        <Kpi name='resolved' label='办结率' value={ratio(m.resolved, m.total)} />
        <Kpi name='ontime' label='按时办结率' value={ratio(m.onTime, m.finished)} hint={`${m.onTime}/${m.finished}`} />
        <Kpi name='satisfaction' label='满意度' value={ratio(m.satisfied, m.rated)} hint={`${m.satisfied}/${m.rated} 条评价`} />
        <Kpi name='unrated' label='未评价占比' value={m.finished ? pct(m.unratedShare) : '—'} />
        <Kpi name='onthespot' label='当场办结率' value={m.walkins.total ? pct(m.onTheSpotRate) : '—'} hint={`窗口受理 ${m.walkins.total}`} />
        <Kpi name='handling' label='平均办理时长' value={m.finished ? hours(m.avgHandlingHours) : '—'} hint={m.finished ? `P90 ${hours(m.p90HandlingHours)}` : '暂无办结'} />
        <Kpi name='overdue' label='超期未办' value={`${m.overdueNow}`} onOpen={list('超期未办', { overdue: '1' })} />
      </View>
      {/* One column on a phone; on a wide screen (≥ 1024 px) the panels sit side by side (admin.scss). */}
      <View className='dashboard__grid'>
        <View className='dashboard__panel dashboard__panel--trend'>
          <SectionTitle>诉求量（按{byDay ? '日' : '周'}）</SectionTitle>
          <Trend points={points} />
        </View>
        <View className='dashboard__panel dashboard__panel--distribution'>
          <SectionTitle>分布</SectionTitle>
          <Choices name='dimension' options={DIMENSIONS.map((d) => ({ value: d.value, label: d.label }))} value={dim} onChange={(v) => setDim(v as Dimension)} />
          {!m[dim].length ? (
            <View className='block muted'>暂无数据</View>
          ) : wide ? (
            <DataTable name={`breakdown-${dim}`} view={tableView} rows={m[dim]} columns={BREAKDOWN_COLUMNS} rowKey={(r) => r.key || '-'} onOpen={(r) => openRow(r.key || '-')} />
          ) : (
            <Bars name={dim} rows={rowBars(m[dim])} onOpen={openRow} />
          )}
        </View>
        <View className='dashboard__panel dashboard__panel--hot-categories'>
          <SectionTitle>热点问题</SectionTitle>
          {m.hotSpots.categories.length ? (
            <Bars name='hot-categories' rows={m.hotSpots.categories.map((c) => ({ key: c.key, label: c.name, value: c.count, text: `${c.count}件` }))} />
          ) : (
            <View className='block muted'>暂无数据</View>
          )}
        </View>
        <View className='dashboard__panel dashboard__panel--hot-places'>
          <SectionTitle>热点位置（约100米范围）</SectionTitle>
          <HotSpotMap places={m.hotSpots.places} />
          {m.hotSpots.places.length ? (
            <Bars
              name='hot-places'
              rows={m.hotSpots.places.slice(0, 10).map((p) => ({ key: p.cell, label: p.name ?? `${p.lat.toFixed(3)},${p.lng.toFixed(3)}`, value: p.count, text: `${p.count}件 · ${p.topCategoryName ?? p.topCategory}` }))}
            />
          ) : (
            <View className='block muted'>暂无带位置的诉求</View>
          )}
        </View>
        <View className='dashboard__panel dashboard__panel--visit-targets'>
          <SectionTitle>
            走访目标（每周≥{m.visitTargets.daysPerWeek}天、每月≥{m.visitTargets.householdsPerMonth}户）
          </SectionTitle>
          {m.visitTargets.workers.length ? (
            <Bars
              name='visit-targets'
              rows={m.visitTargets.workers.map((w) => ({
                key: w.openid,
                label: w.name,
                value: w.householdsPerMonth,
                text: `${w.daysPerWeek.toFixed(1)}天/周${w.meetsDays ? '✓' : '✗'} ${Math.round(w.householdsPerMonth)}户/月${w.meetsHouseholds ? '✓' : '✗'}`,
                warn: !w.meetsDays || !w.meetsHouseholds,
              }))}
            />
          ) : (
            <View className='block muted'>暂无走访记录</View>
          )}
        </View>
      </View>
    </View>
  );
}

function ExportLinks({ from, to }: { from: string; to: string }) {
  const { busy, run } = useSubmit();
  const [error, setError] = useState('');
  if (process.env.TARO_ENV !== 'h5') return null;
  const get = (what: 'requests' | 'metrics') =>
    run(async () => {
      setError('');
      try {
        await downloadCsv(`/admin/export/${what}.csv?from=${from}&to=${to}`, `${what}-${from}-${to}.csv`);
      } catch (e) {
        setError(e instanceof Error ? e.message : '导出失败');
      }
    });
  return (
    <View>
      <View className='admin-links'>
        <Tap className={`btn btn--plain export--requests${busy ? ' btn--disabled' : ''}`} onClick={busy ? undefined : () => void get('requests')}>
          导出工单 CSV
        </Tap>
        <Tap className={`btn btn--plain export--metrics${busy ? ' btn--disabled' : ''}`} onClick={busy ? undefined : () => void get('metrics')}>
          导出统计 CSV
        </Tap>
      </View>
      {error ? <Notice tone='error' text={error} /> : null}
    </View>
  );
}

/** 治理看板: admin.metrics over a preset window. */
export default function DashboardPage() {
  const opened = useRouteQuery('dashboard').preset;
  const [preset, setPresetState] = useState(PRESETS.some((p) => p.value === opened) ? opened : '30d');
  const setPreset = (v: string) => {
    setPresetState(v);
    keepInUrl('dashboard', { preset: v }, true);
  };
  const range = presetRange(preset);
  const me = useMe();
  // A resident or worker is told the page is not theirs without the admin function being asked.
  const skip = !(me.state.status === 'ready' && allowed(me.state.me, ['admin']));
  const metrics = useRemote(() => callFunction('admin', 'metrics', range), [preset], { skip });
  const days = Math.round((Date.parse(range.to) - Date.parse(range.from)) / 86_400_000) + 1;
  return (
    <StaffPage title='治理看板' roles={['admin']} account={me}>
      {() => (
        <View>
          <Choices name='preset' options={PRESETS} value={preset} onChange={setPreset} />
          <View className='block muted dashboard__range'>
            {dateRangeLabel(range.from, range.to)}
          </View>
          <Loaded state={metrics.state} onRetry={() => void metrics.reload()}>
            {(m) => <Dashboard m={m} days={days} range={range} />}
          </Loaded>
          <ExportLinks from={range.from} to={range.to} />
          <AuditExport from={range.from} to={range.to} link />
        </View>
      )}
    </StaffPage>
  );
}

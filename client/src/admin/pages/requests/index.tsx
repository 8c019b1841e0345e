import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { RequestStatus } from '@qgt/shared/domain/requestState';
import type { RequestView } from '@qgt/shared/requests/views';
import { callFunction } from '../../../api/call';
import Choices from '../../../components/Form/Choices';
import RequestCard from '../../../components/Request/RequestCard';
import { Loaded, StaffPage } from '../../../components/Page';
import { openPage } from '../../../lib/nav';
import { readQuery } from '../../../lib/routes';
import { dateRangeLabel, dateTimeLabel } from '../../../lib/time';
import { STATUS_LABELS, kindLabel } from '../../../lib/requestLabels';
import { useRemote } from '../../../lib/useRemote';
import { useWideScreen } from '../../../lib/useWideScreen';
import { useTableView } from '../../../lib/useTableView';
import DataTable, { type TableColumn } from '../../components/DataTable';
import '../../components/admin.scss';
import SectionTitle from '../../../components/SectionTitle';

const STATUS_FILTERS = [{ value: '', label: '全部' }, { value: 'overdue', label: '超期未办' }, ...Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }))];

/** The PC table's columns: what a desk officer sorts by (due, status, who has it, where). */
const REQUEST_COLUMNS: TableColumn<RequestView>[] = [
  { key: 'id', label: '编号', text: (r) => r.id },
  { key: 'title', label: '事项', text: (r) => `${r.urgent ? '【紧急】' : ''}${r.title}` },
  { key: 'kind', label: '类型', text: (r) => kindLabel(r.kind) },
  { key: 'status', label: '状态', text: (r) => `${STATUS_LABELS[r.status] ?? r.status}${r.due?.level === 'overdue' || r.due?.level === 'escalate' ? '·超期' : ''}` },
  { key: 'assignee', label: '经办', text: (r) => r.assignee.name },
  { key: 'place', label: '网格/社区', text: (r) => [r.gridName, r.communityName].filter(Boolean).join(' · ') },
  { key: 'due', label: '时限', text: (r) => dateTimeLabel(r.dueAt), sortValue: (r) => r.dueAt },
  { key: 'created', label: '提交', text: (r) => dateTimeLabel(r.createdAt), sortValue: (r) => r.createdAt },
];

/**
 * 工单列表 (admin.requests.list): what a dashboard figure counts, with its filters, the total and
 * every request opening its page. `title` names what was tapped (超期未办, 锦绣东苑…).
 */
export default function AdminRequestsPage() {
  const { params } = useRouter();
  const wide = useWideScreen();
  const tableView = useTableView('adminRequests');
  // The dashboard opens this page with the filters of what was tapped (ROUTES.adminRequests).
  const q = readQuery('adminRequests', params);
  const [filter, setFilter] = useState(q.overdue ? 'overdue' : q.status);
  const remote = useRemote(
    () =>
      callFunction('admin', 'requests.list', {
        ...(filter === 'overdue' ? { overdue: true } : filter ? { status: filter as RequestStatus } : {}),
        ...(q.category && { category: q.category }),
        ...(q.gridCode && { gridCode: q.gridCode }),
        ...(q.department && { department: q.department }),
        ...(q.assignee && { assignee: q.assignee }),
        ...(q.community && { community: q.community }),
        ...(q.from && { from: q.from }),
        ...(q.to && { to: q.to }),
        limit: 200,
      }),
    [filter, params],
    { refreshOnShow: true },
  );

  useEffect(() => {
    if (q.title) void Taro.setNavigationBarTitle({ title: q.title });
  }, [q.title]);

  return (
    <StaffPage title='工单列表' roles={['admin']}>
      {() => (
        <View>
          {q.title || q.from ? (
            <View className='block muted admin-requests__scope'>
              {q.title}
              {q.from ? `${q.title ? ' · ' : ''}${dateRangeLabel(q.from, q.to)}` : ''}
            </View>
          ) : null}
          <Choices name='request-filter' options={STATUS_FILTERS} value={filter} onChange={setFilter} />
          <Loaded state={remote.state} onRetry={() => void remote.reload()} empty={(d) => (d.total ? false : '没有符合条件的工单')}>
            {(d) => (
              <View>
                <SectionTitle className='admin-requests__total'>
                  共 {d.total} 件{d.total > d.items.length ? `（显示最近 ${d.items.length} 件）` : ''}
                </SectionTitle>
                {wide ? (
                  <DataTable name='requests' view={tableView} rows={d.items} columns={REQUEST_COLUMNS} rowKey={(r) => r.id} onOpen={(r) => openPage('workRequest', { id: r.id })} />
                ) : (
                  <View className='cells'>
                    {d.items.map((r) => (
                      <RequestCard key={r.id} request={r} staff onOpen={(id) => openPage('workRequest', { id })} />
                    ))}
                  </View>
                )}
              </View>
            )}
          </Loaded>
        </View>
      )}
    </StaffPage>
  );
}

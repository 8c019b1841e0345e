import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { RequestStatus } from '@qgt/shared/domain/requestState';
import { callFunction } from '../../../api/call';
import Choices from '../../../components/Form/Choices';
import RequestCard from '../../../components/Request/RequestCard';
import { Loaded, StaffPage } from '../../../components/Page';
import { openPage } from '../../../lib/nav';
import { readQuery } from '../../../lib/routes';
import { dateRangeLabel } from '../../../lib/time';
import { STATUS_LABELS } from '../../../lib/requestLabels';
import { useRemote } from '../../../lib/useRemote';
import '../../components/admin.scss';

const STATUS_FILTERS = [{ value: '', label: '全部' }, { value: 'overdue', label: '超期未办' }, ...Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }))];

/**
 * 工单列表 (admin.requests.list): what a dashboard figure counts, with its filters, the total and
 * every request opening its page. `title` names what was tapped (超期未办, 锦绣东苑…).
 */
export default function AdminRequestsPage() {
  const { params } = useRouter();
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
                <View className='section-title admin-requests__total'>
                  共 {d.total} 件{d.total > d.items.length ? `（显示最近 ${d.items.length} 件）` : ''}
                </View>
                <View className='cells'>
                  {d.items.map((r) => (
                    <RequestCard key={r.id} request={r} staff onOpen={(id) => openPage('workRequest', { id })} />
                  ))}
                </View>
              </View>
            )}
          </Loaded>
        </View>
      )}
    </StaffPage>
  );
}

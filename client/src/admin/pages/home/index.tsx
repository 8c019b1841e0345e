import StaffHome from '../../../components/StaffHome';
import type { RouteName } from '../../../lib/nav';

const LINKS: { page: RouteName; label: string; name: string }[] = [
  { page: 'dashboard', label: '治理看板', name: 'dashboard' },
  { page: 'followups', label: '回访任务', name: 'followups' },
  { page: 'catalog', label: '事项目录', name: 'catalog' },
  { page: 'grids', label: '网格导入', name: 'grids' },
  { page: 'workers', label: '网格员管理', name: 'workers' },
  { page: 'departments', label: '部门管理', name: 'departments' },
  { page: 'stations', label: '站点与二维码', name: 'stations' },
  { page: 'roles', label: '角色管理', name: 'roles' },
  { page: 'workerHome', label: '工单处理', name: 'work' },
];

export default function AdminHome() {
  return (
    <StaffHome
      title='管理后台'
      roles={['admin']}
      links={LINKS}
      upcoming='待人工派单的工单可在“工单处理”中处理；CSV 导出和打印海报请在电脑端（H5）使用。'
    />
  );
}

import StaffHome from '../../../components/StaffHome';
import { ADMIN_PAGES, DASHBOARD_PAGE, FOLLOWUPS_PAGE, WORKER_HOME } from '../../../lib/nav';

const LINKS = [
  { page: DASHBOARD_PAGE, label: '治理看板', name: 'dashboard' },
  { page: FOLLOWUPS_PAGE, label: '回访任务', name: 'followups' },
  { page: ADMIN_PAGES.catalog, label: '事项目录', name: 'catalog' },
  { page: ADMIN_PAGES.grids, label: '网格导入', name: 'grids' },
  { page: ADMIN_PAGES.workers, label: '网格员管理', name: 'workers' },
  { page: ADMIN_PAGES.departments, label: '部门管理', name: 'departments' },
  { page: ADMIN_PAGES.stations, label: '站点与二维码', name: 'stations' },
  { page: ADMIN_PAGES.roles, label: '角色管理', name: 'roles' },
  { page: WORKER_HOME, label: '工单处理', name: 'work' },
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

/**
 * The one page list: the app config below and the typed routes (lib/routes.ts, by type only) both
 * come from it, and tests/unit/client/routes.test.ts checks every page has a route.
 */
export const PAGE_LIST = {
  // Main package: the resident's guide only. Staff pages live in role subpackages.
  pages: ['pages/index/index', 'pages/category/index', 'pages/matter/index', 'pages/station/index'],
  subPackages: [
    // 随手拍, 上门帮办, 我的诉求: loaded only when a resident opens one of them.
    {
      root: 'resident',
      name: 'resident',
      pages: ['pages/report/index', 'pages/booking/index', 'pages/mine/index', 'pages/detail/index', 'pages/reschedule/index', 'pages/event/index'],
    },
    {
      root: 'worker',
      name: 'worker',
      pages: ['pages/home/index', 'pages/request/index', 'pages/transfer/index', 'pages/escalate/index', 'pages/visits/index', 'pages/desk/index', 'pages/notice/index', 'pages/patrol/index'],
    },
    {
      root: 'admin',
      name: 'admin',
      pages: [
        'pages/home/index',
        'pages/dashboard/index',
        'pages/followups/index',
        'pages/requests/index',
        'pages/catalog/index',
        'pages/grids/index',
        'pages/workers/index',
        'pages/departments/index',
        'pages/stations/index',
        'pages/roles/index',
        'pages/audit/index',
      ],
    },
    // 扫码登录: the PC's QR page (H5) and the phone's confirmation (reached by scanning).
    { root: 'signin', name: 'signin', pages: ['pages/pc/index', 'pages/confirm/index', 'pages/invite/index'] },
  ],
} as const;

export default defineAppConfig({
  pages: [...PAGE_LIST.pages],
  subPackages: PAGE_LIST.subPackages.map((p) => ({ ...p, pages: [...p.pages] })),
  // Locating a report needs the permission to be explained (weapp).
  permission: { 'scope.userLocation': { desc: '用于把您反映的问题派给所在网格的网格员' } },
  requiredPrivateInfos: ['getLocation'],
  window: {
    navigationBarBackgroundColor: '#f7f7f7',
    navigationBarTextStyle: 'black',
    navigationBarTitleText: '全岗通',
    backgroundColor: '#f7f7f7',
    backgroundTextStyle: 'dark',
  },
});

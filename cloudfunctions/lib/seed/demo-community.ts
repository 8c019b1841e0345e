import { CommunityDataSchema, type CommunityData } from '@qgt/shared/domain/communityData';

/**
 * The demo 街道 and community: 幸福街道 (demo-street) → 锦绣社区 (demo-community), around
 * 都江堰 (lat 30.99, lng 103.62). Three grids share borders; G3 has a hole (锦绣公园, in no grid).
 *
 *   grid  name      worker (A角)          B角            a point inside
 *   G1    锦绣东苑  demo-worker-1 刘网格  demo-worker-2  {lat: 30.9900, lng: 103.6260}
 *   G2    锦绣西苑  demo-worker-2 陈网格  demo-worker-3  {lat: 30.9925, lng: 103.6190}
 *   G3    锦绣南苑  demo-worker-3 赵网格  demo-worker-1  {lat: 30.9870, lng: 103.6165}
 *   none: the park in G3's hole {lat: 30.9873, lng: 103.6192}; far away {lat: 31.0000, lng: 103.6000}
 *
 * demo-worker-2 takes 3 households per visit slot (the others 1); demo-worker-3 is level B (only
 * the elderly/disability/低保 matters in its skills). Everyone keeps standard community hours.
 */

type Ring = [number, number][];
const ring = (...points: Ring): Ring => [...points, points[0]];

export const DEMO_POINTS = {
  G1: { lat: 30.99, lng: 103.626 },
  G2: { lat: 30.9925, lng: 103.619 },
  G3: { lat: 30.987, lng: 103.6165 },
  park: { lat: 30.9873, lng: 103.6192 },
  nowhere: { lat: 31.0, lng: 103.6 },
} as const;

export const DEMO_COMMUNITY: CommunityData = CommunityDataSchema.parse({
  subdistrict: { code: 'demo-street', name: '幸福街道', admins: ['demo-street-admin'], zipcode: '611830', privateCategories: ['minzheng', 'canji', 'falv'] },
  communities: [{ code: 'demo-community', name: '锦绣社区', subdistrict: 'demo-street', admins: ['demo-admin'] }],
  grids: [
    {
      code: 'G1',
      name: '锦绣东苑',
      community: 'demo-community',
      worker: 'demo-worker-1',
      backup: 'demo-worker-2',
      geometry: { type: 'Polygon', coordinates: [ring([103.6225, 30.985], [103.63, 30.985], [103.631, 30.99], [103.6302, 30.995], [103.6225, 30.995])] },
    },
    {
      code: 'G2',
      name: '锦绣西苑',
      community: 'demo-community',
      worker: 'demo-worker-2',
      backup: 'demo-worker-3',
      geometry: { type: 'Polygon', coordinates: [ring([103.615, 30.99], [103.6225, 30.99], [103.6225, 30.995], [103.6155, 30.9953], [103.6148, 30.9925])] },
    },
    {
      code: 'G3',
      name: '锦绣南苑',
      community: 'demo-community',
      worker: 'demo-worker-3',
      backup: 'demo-worker-1',
      geometry: {
        type: 'Polygon',
        coordinates: [
          ring([103.615, 30.985], [103.6225, 30.985], [103.6225, 30.99], [103.615, 30.99]),
          // 锦绣公园: a hole, in no grid.
          ring([103.618, 30.9862], [103.6205, 30.9862], [103.6205, 30.9885], [103.618, 30.9885]),
        ],
      },
    },
  ],
  buildings: [
    { code: 'G1-1', name: '锦绣东苑1栋', grid: 'G1', point: { lat: 30.9885, lng: 103.6245 } },
    { code: 'G1-2', name: '锦绣东苑2栋', grid: 'G1', point: { lat: 30.9915, lng: 103.6275 } },
    { code: 'G2-1', name: '锦绣西苑1栋', grid: 'G2', point: { lat: 30.9915, lng: 103.617 } },
    { code: 'G2-2', name: '锦绣西苑2栋', grid: 'G2', point: { lat: 30.9935, lng: 103.6205 } },
    { code: 'G3-1', name: '锦绣南苑1栋', grid: 'G3', point: { lat: 30.986, lng: 103.616 } },
    { code: 'G3-2', name: '锦绣南苑2栋', grid: 'G3', point: { lat: 30.9892, lng: 103.6215 } },
  ],
  stations: [
    { code: 'jinxiu-window', name: '锦绣社区党群服务中心综合窗口', kind: 'window', community: 'demo-community', address: '锦绣路18号', point: { lat: 30.9901, lng: 103.6224 }, hours: '工作日 9:00–12:00，14:00–17:30', phone: '028-87000018' },
    { code: 'jinxiu-south-point', name: '锦绣南苑受理点', kind: 'point', community: 'demo-community', address: '锦绣南苑门卫室', point: { lat: 30.9855, lng: 103.6152 }, hours: '工作日 9:00–11:30' },
  ],
  departments: [
    { code: 'zhujian', name: '住建局', categories: ['fangwu', 'weijian'] },
    { code: 'chengguan', name: '城管局', categories: ['shizheng', 'huanjing', 'weijian'] },
    { code: 'ranqi', name: '燃气公司', categories: ['ranqi'], staff: ['demo-dept-gas'] },
    { code: 'gongshui', name: '自来水公司', categories: ['gongshui'] },
    { code: 'wuye', name: '物业公司', categories: ['wuye', 'huanjing'] },
  ],
  reportCategories: [
    { code: 'shizheng', name: '市政设施', icon: '💡' },
    { code: 'huanjing', name: '环境卫生', icon: '🧹' },
    { code: 'weijian', name: '违章搭建', icon: '🚧' },
    { code: 'fangwu', name: '房屋安全', icon: '🏚️' },
    {
      code: 'ranqi',
      name: '燃气安全',
      icon: '🔥',
      urgent: true,
      dueHours: 2,
      emergency: {
        steps: ['立即关闭燃气总阀', '打开门窗通风', '不要开关电器、不要打电话，不要使用明火', '撤离到室外安全地点后再拨打电话'],
        calls: [
          { name: '燃气公司抢修', phone: '028-87654321' },
          { name: '消防', phone: '119' },
        ],
      },
    },
    { code: 'gongshui', name: '供水排水', icon: '🚰' },
    { code: 'wuye', name: '物业管理', icon: '🏘️' },
  ],
  workers: [
    { openid: 'demo-worker-1', name: '刘网格', phone: '13800000001', level: 'A', community: 'demo-community', grids: ['G1'], backup: 'demo-worker-2' },
    { openid: 'demo-worker-2', name: '陈网格', phone: '13800000002', level: 'A', community: 'demo-community', grids: ['G2'], backup: 'demo-worker-3', capacity: 3 },
    {
      openid: 'demo-worker-3',
      name: '赵网格',
      phone: '13800000003',
      level: 'B',
      skills: ['dibao', 'temporary-assistance', 'elderly-allowance', 'elderly-care-subsidy', 'senior-card', 'disability-card', 'disability-subsidy'],
      community: 'demo-community',
      grids: ['G3'],
      backup: 'demo-worker-1',
    },
  ],
});

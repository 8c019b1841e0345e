export default defineAppConfig({
  // Main package: the resident's guide only. Staff pages live in role subpackages.
  pages: ['pages/index/index', 'pages/category/index', 'pages/matter/index'],
  subPackages: [
    { root: 'worker', name: 'worker', pages: ['pages/home/index'] },
    { root: 'admin', name: 'admin', pages: ['pages/home/index'] },
  ],
  window: {
    navigationBarBackgroundColor: '#f7f7f7',
    navigationBarTextStyle: 'black',
    navigationBarTitleText: '全岗通',
    backgroundColor: '#f7f7f7',
    backgroundTextStyle: 'dark',
  },
});

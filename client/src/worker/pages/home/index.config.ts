export default definePageConfig({ navigationBarTitleText: '网格员工作台', enablePullDownRefresh: process.env.TARO_ENV === 'weapp' });

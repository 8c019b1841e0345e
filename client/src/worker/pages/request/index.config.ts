export default definePageConfig({ navigationBarTitleText: '工单详情', enablePullDownRefresh: process.env.TARO_ENV === 'weapp' });

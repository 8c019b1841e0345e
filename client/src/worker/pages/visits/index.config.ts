export default definePageConfig({ navigationBarTitleText: '今日上门', enablePullDownRefresh: process.env.TARO_ENV === 'weapp' });

export default definePageConfig({ navigationBarTitleText: '我的诉求', enablePullDownRefresh: process.env.TARO_ENV === 'weapp' });

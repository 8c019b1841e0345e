export default definePageConfig({ navigationBarTitleText: '诉求详情', enablePullDownRefresh: process.env.TARO_ENV === 'weapp' });

export default definePageConfig({ navigationBarTitleText: '治理看板', enablePullDownRefresh: false });

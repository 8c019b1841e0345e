export default definePageConfig({ navigationBarTitleText: '管理端登录' });

export default definePageConfig({ navigationBarTitleText: '操作审计' });

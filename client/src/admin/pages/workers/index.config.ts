export default definePageConfig({ navigationBarTitleText: '网格员管理' });

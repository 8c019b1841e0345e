export default definePageConfig({ navigationBarTitleText: '部门管理' });

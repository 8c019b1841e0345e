export default definePageConfig({ navigationBarTitleText: '网格导入' });

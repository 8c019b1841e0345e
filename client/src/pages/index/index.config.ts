export default definePageConfig({ navigationBarTitleText: '全岗通·办事指南' });

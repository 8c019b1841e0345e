export default definePageConfig({ navigationBarTitleText: '办事分类' });

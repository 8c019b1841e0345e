export default definePageConfig({ navigationBarTitleText: '改约上门时间' });

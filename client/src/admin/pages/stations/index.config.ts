export default definePageConfig({ navigationBarTitleText: '站点与二维码' });

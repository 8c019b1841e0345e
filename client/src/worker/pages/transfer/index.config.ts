export default definePageConfig({ navigationBarTitleText: '业务转接单' });

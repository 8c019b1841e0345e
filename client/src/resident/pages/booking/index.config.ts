export default definePageConfig({ navigationBarTitleText: '预约上门帮办' });

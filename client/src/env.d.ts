/// <reference types="@tarojs/taro" />

declare module '*.scss';
declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5';
    /** CloudBase environment id (weapp); empty = default environment. */
    TARO_APP_CLOUD_ENV: string;
    /** Prefix of the HTTP API in h5; empty = same origin. */
    TARO_APP_API_BASE: string;
    /** `off` disables the h5 demo-identity picker and the x-openid header. */
    TARO_APP_DEMO_IDENTITIES: string;
    /** weapp backend: `cloud` (CloudBase) or `http` (self-hosted server, wx.login sign-in). */
    TARO_APP_BACKEND: string;
    /** Subscription-message template id for request status updates (weapp); empty = not asked. */
    TARO_APP_TMPL_REQUEST_UPDATE: string;
    /** Subscription-message template id for doorstep-visit reminders (weapp); empty = not asked. */
    TARO_APP_TMPL_VISIT_REMINDER: string;
  }
}

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
    /** h5 on CloudBase static hosting: the environment id the console calls through @cloudbase/js-sdk; empty = our HTTP API. */
    TARO_APP_CLOUDBASE_WEB_ENV: string;
    /** Where the js-sdk talks to CloudBase instead of the service (tests: the fake); empty = the service. */
    TARO_APP_CLOUDBASE_API_ORIGIN: string;
    /** weapp backend: `cloud` (CloudBase) or `http` (self-hosted server, wx.login sign-in). */
    TARO_APP_BACKEND: string;
    /** Subscription-message template id for request status updates (weapp); empty = not asked. */
    TARO_APP_TMPL_REQUEST_UPDATE: string;
    /** Subscription-message template id for doorstep-visit reminders (weapp); empty = not asked. */
    TARO_APP_TMPL_VISIT_REMINDER: string;
  }
}

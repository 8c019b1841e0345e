import path from 'node:path';
import { defineConfig } from '@tarojs/cli';
import { fixWorkspaceLayout } from './chain';

/** Hand-written Taro 4 config (see shared/notes/taro-setup.md). One config for weapp and h5. */

const sharedSrc = path.resolve(__dirname, '../../shared/src');

/** Build-time settings; each can be overridden from the shell or a client/.env file. */
const env = {
  /** CloudBase environment id for weapp; empty = the default environment of the AppID. */
  TARO_APP_CLOUD_ENV: JSON.stringify(process.env.TARO_APP_CLOUD_ENV ?? ''),
  /** Prefix of the local HTTP API in h5 (same origin by default). */
  TARO_APP_API_BASE: JSON.stringify(process.env.TARO_APP_API_BASE ?? ''),
  /** `off` hides the h5 demo-identity picker and never sends x-openid. */
  TARO_APP_DEMO_IDENTITIES: JSON.stringify(process.env.TARO_APP_DEMO_IDENTITIES ?? 'on'),
  /** weapp: `cloud` (CloudBase, the platform supplies the OPENID) or `http` (the self-hosted server at TARO_APP_API_BASE, signed in with wx.login). */
  /** h5 on CloudBase static hosting: the environment the web console calls through @cloudbase/js-sdk (custom login after 扫码登录); empty = the HTTP API. */
  TARO_APP_CLOUDBASE_WEB_ENV: JSON.stringify(process.env.TARO_APP_CLOUDBASE_WEB_ENV ?? ''),
  /** Tests only: where that SDK talks instead of the service (the fake CloudBase). */
  TARO_APP_CLOUDBASE_API_ORIGIN: JSON.stringify(process.env.TARO_APP_CLOUDBASE_API_ORIGIN ?? ''),
  TARO_APP_BACKEND: JSON.stringify(process.env.TARO_APP_BACKEND ?? 'cloud'),
  /** Subscription-message template ids (weapp), the same templates as the functions' TEMPLATE_REQUEST_UPDATE and TEMPLATE_VISIT_REMINDER. Empty = not asked. */
  TARO_APP_TMPL_REQUEST_UPDATE: JSON.stringify(process.env.TARO_APP_TMPL_REQUEST_UPDATE ?? ''),
  TARO_APP_TMPL_VISIT_REMINDER: JSON.stringify(process.env.TARO_APP_TMPL_VISIT_REMINDER ?? ''),
};

export default defineConfig<'webpack5'>(() => ({
  projectName: 'quangangtong',
  date: '2026-11-23',
  designWidth: 750,
  deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
  sourceRoot: 'src',
  outputRoot: `dist/${process.env.TARO_ENV}`,
  framework: 'react',
  compiler: 'webpack5',
  // weapp: forward WeChat's aria-* attributes on view/text/input/textarea (issue 20).
  plugins: [path.resolve(__dirname, 'aria-plugin.ts')],
  env,
  alias: { '@qgt/shared': sharedSrc },
  cache: { enable: false },
  mini: {
    // config/aria-plugin.ts too: the runtime takes its aria attribute list from it (src/lib/weappAria.ts).
    compile: { include: [sharedSrc, __dirname] },
    postcss: {
      pxtransform: { enable: true, config: {} },
      cssModules: { enable: false },
    },
    optimizeMainPackage: { enable: true },
    miniCssExtractPluginOption: { ignoreOrder: true },
    webpackChain: fixWorkspaceLayout,
  },
  h5: {
    publicPath: '/',
    staticDirectory: 'static',
    router: { mode: 'hash' },
    // No rem bootstrap computed from the screen width: index.html sets the root size as a share of
    // the reader's own default, so browser font settings and zoom enlarge the text (issue 20).
    htmlPluginOption: { script: '' },
    webpackChain: fixWorkspaceLayout,
    compile: { include: [sharedSrc, __dirname] }, // app.tsx imports lib/weappAria (a no-op in H5)
    output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
    miniCssExtractPluginOption: {
      ignoreOrder: true,
      filename: 'css/[name].[contenthash:8].css',
      chunkFilename: 'css/[name].[contenthash:8].css',
    },
    postcss: {
      autoprefixer: { enable: true, config: {} },
      cssModules: { enable: false },
    },
  },
}));

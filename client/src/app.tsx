// First: the runtime must know WeChat's aria attributes before any page renders (lib/weappAria).
import './lib/weappAria';
import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { initCloud } from './api/cloud';
import { syncCatalog } from './catalog/cache';
import { setLaunchEntry } from './lib/entry';
import { installPrivacyHandler } from './lib/privacy';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch((options) => {
    initCloud();
    // Our own consent sheet answers WeChat's privacy authorization (lib/privacy).
    installPrivacyHandler();
    // QR scene (weapp) or /?m=<code> (h5): the home page acts on it when it loads.
    setLaunchEntry(options as { path?: string; query?: Record<string, string> });
    // Check the cached guide against the server; pages render the cached copy meanwhile.
    void syncCatalog();
  });
  return children;
}

export default App;

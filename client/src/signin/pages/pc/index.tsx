import { Image, View } from '@tarojs/components';
import { imageAlt } from '../../../lib/a11y';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AccountOutput } from '@qgt/shared/account/api';
import { callFunction } from '../../../api/call';
import { errorMessage } from '../../../api/errors';
import { cloudbaseWeb, signInWithTicket } from '../../../api/cloudbaseWeb';
import { saveSession } from '../../../api/session';
import LoadState from '../../../components/LoadState';
import Notice from '../../../components/Notice';
import Page from '../../../components/Page';
import { loadMe, resetMe } from '../../../lib/account';
import { relaunch } from '../../../lib/nav';
import '../signin.scss';

/** How often the PC asks whether the QR was confirmed. */
const POLL_MS = 2000;

/** A short description of this browser for the person confirming on the phone ("Chrome 131 · Windows"). */
export function describeBrowser(ua: string): string {
  const browser = /Edg\/(\d+)/.exec(ua) ? `Edge ${/Edg\/(\d+)/.exec(ua)![1]}` : /Chrome\/(\d+)/.exec(ua) ? `Chrome ${/Chrome\/(\d+)/.exec(ua)![1]}` : /Firefox\/(\d+)/.exec(ua) ? `Firefox ${/Firefox\/(\d+)/.exec(ua)![1]}` : /Safari\//.test(ua) ? 'Safari' : '浏览器';
  const os = /Windows/.test(ua) ? 'Windows' : /Mac OS X/.test(ua) ? 'macOS' : /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Linux/.test(ua) ? 'Linux' : '';
  return os ? `${browser} · ${os}` : browser;
}

type Qr = AccountOutput['webLogin.start'];
type State = { status: 'loading' } | { status: 'error'; message: string } | { status: 'waiting'; qr: Qr } | { status: 'expired' } | { status: 'done' };

/**
 * 扫码登录 at a PC (H5): shows a QR of a new sign-in; a staff member scans it with the
 * mini-program and confirms; this page polls and, once confirmed, keeps the 12-hour session and
 * opens the staff pages. The QR lasts 5 minutes; 刷新 makes a new one.
 */
export default function PcSignIn() {
  const [state, setState] = useState<State>({ status: 'loading' });
  const live = useRef(true);

  const start = useCallback(async () => {
    setState({ status: 'loading' });
    try {
      const device = typeof navigator === 'undefined' ? undefined : describeBrowser(navigator.userAgent);
      const qr = await callFunction('account', 'webLogin.start', { qr: true, ...(device && { device }) });
      if (live.current) setState({ status: 'waiting', qr });
    } catch (e) {
      if (live.current) setState({ status: 'error', message: errorMessage(e) });
    }
  }, []);

  useEffect(() => {
    live.current = true;
    void start();
    return () => {
      live.current = false;
    };
  }, [start]);

  const session = state.status === 'waiting' ? state.qr.session : '';
  useEffect(() => {
    if (!session) return undefined;
    const timer = setInterval(() => {
      callFunction('account', 'webLogin.poll', { session }).then(
        async (res) => {
          if (!live.current) return;
          if (res.status === 'expired') return setState({ status: 'expired' });
          if (res.status !== 'confirmed' || !res.token || !res.expiresAt) return;
          clearInterval(timer);
          saveSession({ token: res.token, expiresAt: res.expiresAt });
          // On CloudBase the functions know the person only once the SDK signs in with the ticket.
          if (cloudbaseWeb()) {
            try {
              if (!res.ticket) throw new Error('no ticket');
              await signInWithTicket(res.ticket);
            } catch (e) {
              return setState({ status: 'error', message: e instanceof Error && !/no ticket/.test(e.message) ? errorMessage(e) : '电脑端登录失败，请重新扫码' });
            }
          }
          setState({ status: 'done' });
          resetMe();
          const me = await loadMe().catch(() => null);
          relaunch(me?.role === 'admin' ? 'adminHome' : 'workerHome');
        },
        () => undefined, // a missed poll is retried on the next tick
      );
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [session]);

  return (
    <Page>
      <View className='signin'>
        <View className='signin__title'>全岗通管理端</View>
        <View className='signin__lead'>请用全岗通小程序“扫码登录电脑端”扫描下方二维码，并在手机上确认。</View>
        {state.status === 'loading' ? (
          <LoadState loading='正在生成登录二维码…' />
        ) : state.status === 'error' ? (
          <LoadState error={state.message} onRetry={() => void start()} />
        ) : state.status === 'expired' ? (
          <Notice tone='warn' text='二维码已过期' actionText='刷新二维码' onAction={() => void start()} />
        ) : state.status === 'done' ? (
          <View className='signin__done'>已登录，正在进入…</View>
        ) : (
          <View className='signin__qr'>
            {/* Inline size: a QR is read at its true square size on a monitor, not scaled with the page. */}
            <Image {...imageAlt('电脑端登录二维码：请用全岗通小程序扫码')} className='signin__qr-image' src={state.qr.image ?? ''} mode='scaleToFill' style={{ width: '240px', height: '240px' }} />
            <View className='muted signin__hint'>二维码 5 分钟内有效；登录后本机会话 12 小时内有效，离开时请点“退出”。</View>
          </View>
        )}
      </View>
    </Page>
  );
}

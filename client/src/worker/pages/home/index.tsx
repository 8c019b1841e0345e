import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { InboxTab } from '@qgt/shared/work/api';
import { callFunction } from '../../../api/call';
import FormError from '../../../components/Form/FormError';
import SubmitButton from '../../../components/Form/SubmitButton';
import Notice from '../../../components/Notice';
import { Loaded, StaffPage } from '../../../components/Page';
import RequestCard from '../../../components/Request/RequestCard';
import { allowed } from '../../../components/StaffHeader';
import { useMe } from '../../../lib/account';
import { backOrHome, openPage } from '../../../lib/nav';
import { parseWebLoginScene } from '@qgt/shared/account/weblogin';
import { DEPARTMENT_TAB_LIST, INBOX_TAB_LIST } from '../../../lib/requestLabels';
import { useRemote } from '../../../lib/useRemote';
import { useSubmit, useSubmitFailure } from '../../../lib/useSubmit';
import InboxTabs from '../../components/InboxTabs';
import Messages from '../../../components/Messages';
import { askSubscribe } from '../../../lib/subscribe';
import PatrolCard from '../../components/PatrolCard';
import Tap from '../../../components/Tap';
import { showToast } from '../../../lib/toast';
import '../../components/worker.scss';

const STAFF = ['worker', 'admin'] as const;

/**
 * 扫码登录电脑端 (weapp): scan the QR on the PC's sign-in page — a mini-program code (its scene
 * comes back in `path`) or a self-hosted QR of a link — and open the confirmation.
 */
async function scanPcSignIn(): Promise<void> {
  let res: { result?: string; path?: string };
  try {
    res = await Taro.scanCode({ onlyFromCamera: true });
  } catch {
    return; // cancelled
  }
  const scene = /[?&]scene=([^&]+)/.exec(res.path ?? '')?.[1];
  const session = parseWebLoginScene(scene) ?? parseWebLoginScene(res.result);
  if (session) openPage('signinConfirm', { session });
  else void showToast({ title: '这不是电脑端的登录二维码', icon: 'none' });
}

/** 网格员工作台 (部门工作台 for department staff): who is signed in, the inbox by tab (签收 right from the list), today's visits. */
export default function WorkerHome() {
  const me = useMe();
  const ok = me.state.status === 'ready' && allowed(me.state.me, STAFF);
  // Department staff (燃气公司…) get their department's page: everything called in to them first.
  const department = me.state.status === 'ready' ? me.state.me.department : undefined;
  const [chosenTab, setTab] = useState<InboxTab | null>(null);
  const tab: InboxTab = chosenTab ?? (department ? 'all' : 'pending');
  const tabs = department ? DEPARTMENT_TAB_LIST : INBOX_TAB_LIST;
  const inbox = useRemote(() => callFunction('work', 'inbox', { tab }), [tab], { refreshOnShow: true, pullDown: true, skip: !ok });
  const [accepting, setAccepting] = useState('');
  // The failed 签收; its 重试 signs for the same request.
  const failed = useSubmitFailure();
  const { busy, run } = useSubmit();

  const accept = (id: string) => {
    // Asked within the 签收 tap, as WeChat requires: the next 新工单 and 督办 can reach the phone.
    void askSubscribe('staff');
    return run(async () => {
      setAccepting(id);
      failed.clear();
      try {
        await callFunction('work', 'accept', { id });
        void showToast({ title: '已签收', icon: 'success' });
        await inbox.reload();
      } catch (e) {
        failed.set(e, () => void accept(id));
      } finally {
        setAccepting('');
      }
    });
  };

  const denied = (
    <View>
      <Notice tone='warn' text='您的账号不是网格员或管理员，不能使用工作台；如需开通，请联系社区管理员。' />
      <View className='form-actions'>
        <Tap className='btn btn--plain' onClick={backOrHome}>
          返回办事指南
        </Tap>
      </View>
    </View>
  );

  const body = () => {
    const s = inbox.state;
    const empty = tabs.find((t) => t.tab === tab)?.empty ?? '没有工单';
    return (
      <View>
        {department ? null : (
        <View className='workbench__links'>
          <Tap className='btn btn--plain workbench__visits' onClick={() => openPage('visits')}>
            今日上门
          </Tap>
          <Tap className='btn btn--plain workbench__desk' onClick={() => openPage('desk')}>
            窗口受理
          </Tap>
          <Tap className='btn btn--plain workbench__patrol' onClick={() => openPage('patrol')}>
            网格走访
          </Tap>
          {process.env.TARO_ENV === 'weapp' ? (
            <Tap className='btn btn--plain workbench__pc-signin' onClick={() => void scanPcSignIn()}>
              扫码登录电脑端
            </Tap>
          ) : null}
        </View>
        )}
        {me.state.status === 'ready' && me.state.me.role === 'worker' && !department ? <PatrolCard /> : null}
        <Messages staff />
        <InboxTabs
          tabs={tabs}
          value={tab}
          count={s.status === 'ready' ? s.data.items.length : undefined}
          onChange={(t) => {
            void askSubscribe('staff'); // opening an inbox tab is a tap too
            setTab(t);
          }}
        />
        <FormError failure={failed.failure} onRetry={failed.retry} />
        <Loaded state={s} onRetry={() => void inbox.reload()} loading='正在加载工单…' empty={(d) => !d.items.length && empty} emptyClass='inbox__empty'>
          {(d) => (
            <View className='inbox'>
              {d.items.map((r) => (
                <View key={r.id} className='inbox__item'>
                  <RequestCard staff request={r} onOpen={(id) => openPage('workRequest', { id })} />
                  {r.actions.includes('accept') ? (
                    <View className='inbox__actions'>
                      <SubmitButton
                        name='accept'
                        text='签收'
                        busyText='签收中…'
                        busy={busy && accepting === r.id}
                        disabled={busy && accepting !== r.id}
                        onClick={() => void accept(r.id)}
                      />
                    </View>
                  ) : null}
                </View>
              ))}
            </View>
          )}
        </Loaded>
      </View>
    );
  };

  return (
    <StaffPage title={(m) => (m?.department ? `${m.department.name} · 部门工作台` : '网格员工作台')} roles={STAFF} denied={denied} account={me}>
      {body}
    </StaffPage>
  );
}

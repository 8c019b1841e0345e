import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { parseInviteCode, type InviteOffer } from '@qgt/shared/account/invite';
import { callFunction } from '../../../api/call';
import Field from '../../../components/Form/Field';
import FormError from '../../../components/Form/FormError';
import SubmitButton from '../../../components/Form/SubmitButton';
import Notice from '../../../components/Notice';
import Page, { Loaded } from '../../../components/Page';
import { roleLabel } from '../../../lib/account';
import { relaunch } from '../../../lib/nav';
import { dateTimeLabel } from '../../../lib/time';
import { readQuery } from '../../../lib/routes';
import { useRemote } from '../../../lib/useRemote';
import { useSubmit, useSubmitFailure } from '../../../lib/useSubmit';
import '../signin.scss';

/** The code this page is for: `code=` (a link, 扫一扫) or `scene=i=…` (a mini-program code). */
function codeOf(params: Record<string, string | undefined>): string {
  return parseInviteCode(readQuery('invite', params).code) ?? parseInviteCode(params.scene) ?? '';
}

/** Why an invitation can no longer be accepted, and what to do. */
const CLOSED: Record<Exclude<InviteOffer['status'], 'open'>, string> = {
  used: '该邀请已被使用；如需加入，请管理员重新邀请',
  expired: '邀请已过期，请管理员重新邀请',
  revoked: '该邀请已被管理员撤销；如需加入，请向管理员确认',
};

const offerText = (o: InviteOffer) => `${o.invitedBy ?? '社区管理员'}邀请您${o.name ? `（${o.name}）` : ''}作为${roleLabel(o.role)}加入${o.communityNames.join('、')}`;

function Accept({ code }: { code: string }) {
  const offer = useRemote(() => callFunction('account', 'invite.get', { code }), [code]);
  const [done, setDone] = useState<{ role: string } | null>(null);
  const failed = useSubmitFailure();
  const { busy, run } = useSubmit();
  const accept = () =>
    run(async () => {
      failed.clear();
      try {
        setDone(await callFunction('account', 'invite.accept', { code }));
      } catch (e) {
        failed.set(e, () => void accept());
      }
    });
  return (
    <Loaded state={offer.state} onRetry={() => void offer.reload()} loading='正在读取邀请…'>
      {(o) => {
        if (done)
          return (
            <View className='signin__ask'>
              <View className='signin__done invite__done'>已加入{o.communityNames.join('、')}，身份为{roleLabel(done.role)}。</View>
              <View className='form-actions'>
                <SubmitButton name='invite-open' text={done.role === 'admin' ? '打开管理端' : '打开工作台'} onClick={() => relaunch(done.role === 'admin' ? 'adminHome' : 'workerHome')} />
              </View>
            </View>
          );
        if (o.status !== 'open') return <Notice tone='warn' text={CLOSED[o.status]} />;
        return (
          <View className='signin__ask'>
            <View className='signin__question invite__offer'>{offerText(o)}</View>
            <View className='muted signin__hint'>接受后，您将以当前微信身份处理社区事务。邀请只能使用一次，{dateTimeLabel(o.expiresAt)}前有效。</View>
            <FormError failure={failed.failure} onRetry={failed.retry} />
            <View className='form-actions'>
              <SubmitButton name='invite-accept' text='接受邀请' busyText='正在加入…' busy={busy} onClick={() => void accept()} />
            </View>
          </View>
        );
      }}
    </Loaded>
  );
}

/** 邀请加入: the invited person, signed in on their phone, takes the role an admin offered; nobody types an OPENID. */
export default function InvitePage() {
  const { params } = useRouter();
  const [code, setCode] = useState(codeOf(params));
  const [typed, setTyped] = useState('');
  const failed = useSubmitFailure();
  const look = () => {
    const c = parseInviteCode(typed);
    if (!c) return failed.say('邀请码应为8位字母或数字');
    failed.clear();
    setCode(c);
  };
  return (
    <Page>
      {code ? (
        <Accept code={code} />
      ) : (
        <View>
          <View className='cells'>
            <Field name='invite-code' label='邀请码' required maxlength={12} placeholder='管理员给您的8位邀请码' value={typed} onChange={setTyped} />
          </View>
          <FormError failure={failed.failure} onRetry={failed.retry} />
          <View className='form-actions'>
            <SubmitButton name='invite-look' text='查看邀请' onClick={look} />
          </View>
        </View>
      )}
    </Page>
  );
}

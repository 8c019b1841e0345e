import { View } from '@tarojs/components';
import { useState } from 'react';
import { callFunction } from '../../../api/call';
import FormError from '../../../components/Form/FormError';
import InfoRow from '../../../components/InfoRow';
import Notice from '../../../components/Notice';
import Page from '../../../components/Page';
import PlaceRows from '../../../components/Request/PlaceRows';
import RequestHead from '../../../components/Request/RequestHead';
import Timeline from '../../../components/Request/Timeline';
import Stars from '../../../components/Stars';
import { openPage } from '../../../lib/nav';
import { callPhone } from '../../../lib/place';
import { kindLabel, OUTCOME_LABELS } from '../../../lib/requestLabels';
import { beforeCutoff, can, isOpen, urgedToday } from '../../../lib/requestView';
import { dueLabel, slotLabel, whenLabel } from '../../../lib/time';
import { useRequestPage } from '../../../lib/useRequestPage';
import Tap from '../../../components/Tap';
import '../../components/resident.scss';
import CancelForm from './CancelForm';
import RateForm from './RateForm';
import SectionTitle from '../../../components/SectionTitle';

/**
 * One of the resident's requests: what was asked, who has it, by when, the resident-visible
 * timeline; cancel (visits until the cut-off, with a reason), reschedule, and rating once resolved.
 */
export default function DetailPage() {
  const [cancelling, setCancelling] = useState(false);
  const { id, state, reload, act, busy, actionFailure, retryAction } = useRequestPage('detail', () => setCancelling(false));

  return (
    <Page state={state} onRetry={() => void reload()} loading='正在加载诉求…'>
      {(r) => {
        const visit = r.kind === 'visit' && !!r.slot;
        const changeable = !visit || beforeCutoff(r);
        const canCancel = can(r, 'cancel') && changeable;
        const canReschedule = visit && can(r, 'reschedule') && changeable;

        return (
          <>
            <RequestHead request={r} />
            {r.following ? <Notice text='这是其他居民反映的问题，您点了“我也遇到”，会同步收到处理进展。' /> : null}
            <SectionTitle>办理信息</SectionTitle>
            <View className='cells'>
              <InfoRow label='类型'>{kindLabel(r.kind)}</InfoRow>
              <InfoRow label='经办人'>{r.assignee.name}</InfoRow>
              {r.firstResponder && r.firstResponder.openid !== r.assignee.openid ? <InfoRow label='首问负责人'>{r.firstResponder.name}</InfoRow> : null}
              {r.slot ? <InfoRow label='上门时间'>{slotLabel(r.slot.start, r.slot.end)}</InfoRow> : null}
              <PlaceRows request={r} withPhone />
              {isOpen(r) && !r.slot ? <InfoRow label='办理时限'>{dueLabel(r.dueAt)}</InfoRow> : null}
              <InfoRow label='提交时间'>{whenLabel(r.createdAt)}</InfoRow>
              {r.resolvedAt ? <InfoRow label='办结时间'>{whenLabel(r.resolvedAt)}</InfoRow> : null}
            </View>
            {r.rating ? (
              <View>
                <SectionTitle>我的评价</SectionTitle>
                <Stars value={r.rating.score} />
                {r.rating.outcome ? <View className='block detail__rating-outcome'>{OUTCOME_LABELS[r.rating.outcome]}</View> : null}
                {r.rating.comment ? <View className='block detail__rating-comment'>{r.rating.comment}</View> : null}
              </View>
            ) : null}
            <SectionTitle>办理进度</SectionTitle>
            <Timeline items={r.timeline} />
            <FormError failure={actionFailure} onRetry={retryAction} />
            {isOpen(r) && !r.following ? (
              <View className='form-actions'>
                {urgedToday(r) ? (
                  <View className='block muted detail__urged'>今天已催办，工作人员会尽快处理</View>
                ) : (
                  <Tap className='btn btn--plain detail__urge' onClick={busy ? undefined : () => void act(() => callFunction('requests', 'urge', { id }), '已催办')}>
                    催办
                  </Tap>
                )}
              </View>
            ) : null}
            {can(r, 'rate') ? <RateForm busy={busy} onRate={(score, comment, outcome) => void act(() => callFunction('requests', 'rate', { id, score, ...(comment && { comment }), ...(outcome && { outcome }) }), '感谢评价')} /> : null}
            {cancelling ? (
              <CancelForm
                reasonRequired={false}
                busy={busy}
                onClose={() => setCancelling(false)}
                onCancel={(reason) =>
                  void act(
                    () => (visit ? callFunction('booking', 'cancel', { id, ...(reason && { reason }) }) : callFunction('requests', 'cancel', { id, ...(reason && { reason }) })),
                    '已取消',
                  )
                }
              />
            ) : canCancel || canReschedule ? (
              <View className='form-actions'>
                {canReschedule ? (
                  <Tap className='btn btn--plain detail__reschedule' onClick={() => openPage('reschedule', { id })}>
                    改约上门时间
                  </Tap>
                ) : null}
                {canCancel ? (
                  <Tap className='btn btn--warn detail__cancel' onClick={() => setCancelling(true)}>
                    {visit ? '取消预约' : '取消诉求'}
                  </Tap>
                ) : null}
              </View>
            ) : visit && isOpen(r) && !changeable ? (
              <View className='block muted detail__contact'>
                距上门时间已不足2小时，如需改约或取消，请直接联系上门工作人员
                {r.assignee.phone ? (
                  <Tap className='link detail__call' onClick={() => callPhone(r.assignee.phone!)}>
                    {r.assignee.name} {r.assignee.phone}（点击拨打）
                  </Tap>
                ) : (
                  '。'
                )}
              </View>
            ) : null}
          </>
        );
      }}
    </Page>
  );
}

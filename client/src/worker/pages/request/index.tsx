import { View } from '@tarojs/components';
import { useState } from 'react';
import { callFunction } from '../../../api/call';
import SubmitButton from '../../../components/Form/SubmitButton';
import FormError from '../../../components/Form/FormError';
import InfoRow from '../../../components/InfoRow';
import Page from '../../../components/Page';
import PlaceRows from '../../../components/Request/PlaceRows';
import RequestHead from '../../../components/Request/RequestHead';
import Timeline from '../../../components/Request/Timeline';
import { openPage } from '../../../lib/nav';
import { kindLabel } from '../../../lib/requestLabels';
import { can, isOpen, namesOf } from '../../../lib/requestView';
import { dueLabel, slotLabel, whenLabel } from '../../../lib/time';
import { useRequestPage } from '../../../lib/useRequestPage';
import TextActionForm from '../../components/TextActionForm';
import '../../components/worker.scss';
import { photoNotes } from './photoNotes';
import { useBuildingPoint } from './buildingPoint';
import { askSubscribe } from '../../../lib/subscribe';
import SectionTitle from '../../../components/SectionTitle';

type Panel = 'resolve' | 'note' | 'answer' | null;

/**
 * A request as staff see it (full timeline with internal notes and handoff sheets) and what the
 * caller may do now (`actions` from the server): 签收, 转交 (业务转接单), 吹哨报到, 办结, 备注.
 */
export default function WorkRequestPage() {
  const [panel, setPanel] = useState<Panel>(null);
  const { id, state, reload, act, busy, actionFailure, retryAction } = useRequestPage('workRequest', () => setPanel(null));
  const buildingPoint = useBuildingPoint(state);

  return (
    <Page state={state} onRetry={() => void reload()} loading='正在加载工单…'>
      {(r) => {
        const level = r.due?.level;
        const dueClass = level === 'overdue' || level === 'escalate' ? 'due--overdue' : level === 'remind' ? 'due--remind' : '';

        const resolve = (note: string, photos: string[]) =>
          act(async () => {
            // work.resolve takes a note only: the result photos go on record as internal notes first.
            for (const text of photoNotes(photos)) await callFunction('work', 'note', { id, note: text });
            return callFunction('work', 'resolve', { id, note });
          }, '已办结');

        return (
          <>
            <RequestHead request={r} />
            <SectionTitle>工单信息</SectionTitle>
            <View className='cells'>
              <InfoRow label='类型'>{kindLabel(r.kind)}</InfoRow>
              {r.owner ? <InfoRow label='居民'>{r.owner.name}</InfoRow> : null}
              <InfoRow label='当前经办人'>{r.assignee.name}</InfoRow>
              {r.firstResponder ? <InfoRow label='首问负责人'>{r.firstResponder.name}</InfoRow> : null}
              {r.slot ? <InfoRow label='上门时间'>{slotLabel(r.slot.start, r.slot.end)}</InfoRow> : null}
              <PlaceRows request={r} withMap withPhone buildingPoint={buildingPoint} />
              {isOpen(r) && !r.slot ? (
                <InfoRow label='办理时限'>
                  <View className={dueClass}>
                    {dueLabel(r.dueAt)}
                    {r.due ? `（已用${Math.round(r.due.progress * 100)}%）` : ''}
                  </View>
                </InfoRow>
              ) : null}
              {r.categoryName ? <InfoRow label='问题分类'>{r.categoryName}</InfoRow> : null}
              {r.gridCode ? <InfoRow label='网格'>{r.gridName ?? r.gridCode}</InfoRow> : null}
              {r.department ? <InfoRow label='协办部门'>{r.departmentName ?? r.department}</InfoRow> : null}
              {r.route ? <InfoRow label='分派依据'>{r.route.manual ? `人工派单：${r.route.reason}` : r.route.reason}</InfoRow> : null}
              {r.followers ? <InfoRow label='我也遇到'>{r.followers}位居民</InfoRow> : null}
              <InfoRow label='提交时间'>{whenLabel(r.createdAt)}</InfoRow>
            </View>
            <SectionTitle>办理记录</SectionTitle>
            <Timeline items={r.timeline} names={namesOf(r)} />
            <FormError failure={actionFailure} onRetry={retryAction} />
            {panel === 'resolve' ? (
              <TextActionForm
                name='resolve'
                title='办结'
                label='办理结果'
                placeholder='如：已联系物业更换灯泡，现已恢复照明'
                submitText='确认办结'
                withPhotos
                busy={busy}
                onClose={() => setPanel(null)}
                onSubmit={(note, photos) => void resolve(note, photos)}
              />
            ) : panel === 'note' ? (
              <TextActionForm
                name='note'
                title='内部备注（居民不可见）'
                label='备注'
                placeholder='记录办理过程中的情况'
                submitText='保存备注'
                busy={busy}
                onClose={() => setPanel(null)}
                onSubmit={(note) => void act(() => callFunction('work', 'note', { id, note }), '已保存')}
              />
            ) : panel === 'answer' ? (
              <TextActionForm
                name='answer'
                title='部门答复'
                label='答复内容'
                placeholder='部门的处理意见'
                submitText='提交答复'
                busy={busy}
                onClose={() => setPanel(null)}
                onSubmit={(note) => void act(() => callFunction('work', 'returnFromDepartment', { id, note }), '已答复')}
              />
            ) : (
              <View className='work-actions'>
                {can(r, 'accept') ? (
                  <SubmitButton
                    name='accept'
                    text='签收'
                    busyText='签收中…'
                    busy={busy}
                    onClick={() => {
                      void askSubscribe('staff'); // within the tap, as WeChat requires
                      void act(() => callFunction('work', 'accept', { id }), '已签收');
                    }}
                  />
                ) : null}
                {can(r, 'resolve') ? <SubmitButton name='open-resolve' text='办结' busy={busy} onClick={() => setPanel('resolve')} /> : null}
                {can(r, 'transfer') ? <SubmitButton name='open-transfer' tone='plain' text='转交' busy={busy} onClick={() => openPage('transfer', { id })} /> : null}
                {can(r, 'escalate') ? <SubmitButton name='open-escalate' tone='plain' text='吹哨报到' busy={busy} onClick={() => openPage('escalate', { id })} /> : null}
                {can(r, 'returnFromDepartment') ? <SubmitButton name='open-answer' tone='plain' text='部门答复' busy={busy} onClick={() => setPanel('answer')} /> : null}
                {can(r, 'addNote') ? <SubmitButton name='open-note' tone='plain' text='内部备注' busy={busy} onClick={() => setPanel('note')} /> : null}
              </View>
            )}
          </>
        );
      }}
    </Page>
  );
}

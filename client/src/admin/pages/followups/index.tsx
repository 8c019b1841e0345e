import { View } from '@tarojs/components';
import { useState } from 'react';
import type { FollowupView } from '@qgt/shared/admin/views';
import { callFunction } from '../../../api/call';
import Choices from '../../../components/Form/Choices';
import Field from '../../../components/Form/Field';
import SubmitButton from '../../../components/Form/SubmitButton';
import { Loaded, StaffPage } from '../../../components/Page';
import { openPage } from '../../../lib/nav';
import { callPhone } from '../../../lib/place';
import { OUTCOME_LABELS } from '../../../lib/requestLabels';
import { whenLabel } from '../../../lib/time';
import { useRemote } from '../../../lib/useRemote';
import { useSubmit, useSubmitFailure } from '../../../lib/useSubmit';
import Tap from '../../../components/Tap';
import { showToast } from '../../../lib/toast';
import '../../components/admin.scss';
import FormError from '../../../components/Form/FormError';
import { useWideScreen } from '../../../lib/useWideScreen';
import { useTableView } from '../../../lib/useTableView';
import DataTable, { type TableColumn } from '../../components/DataTable';

function RecordForm({ f, onDone }: { f: FollowupView; onDone: () => void }) {
  const [reached, setReached] = useState<'yes' | 'no' | ''>('');
  const [result, setResult] = useState('');
  const failed = useSubmitFailure();
  const { busy, run } = useSubmit();
  const submit = () =>
    run(async () => {
      if (!reached) return failed.say('请选择是否联系上居民');
      if (!result.trim()) return failed.say('请填写回访结果');
      failed.clear();
      try {
        await callFunction('admin', 'followups.record', { id: f.id, reached: reached === 'yes', result: result.trim() });
        void showToast({ title: '已记录', icon: 'success' });
        onDone();
      } catch (e) {
        failed.set(e, () => void submit());
      }
    });
  return (
    <View className='followup__form'>
      <Choices
        name='reached'
        options={[
          { value: 'yes', label: '已联系上' },
          { value: 'no', label: '未联系上' },
        ]}
        value={reached}
        onChange={(v) => setReached(v as 'yes' | 'no')}
      />
      <Field name='result' label='回访结果' required multiline maxlength={500} placeholder='居民的意见、后续安排' value={result} onChange={setResult} />
      <FormError failure={failed.failure} onRetry={failed.retry} />
      <View className='form-actions'>
        <SubmitButton name='followup' text='记录回访' busy={busy} onClick={() => void submit()} />
      </View>
    </View>
  );
}

function Item({ f, onDone }: { f: FollowupView; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <View className={`followup followup--${f.status}`}>
      <View className='followup__title'>{f.title}</View>
      <View className='followup__meta'>
        居民 {f.resident.name} · 评价 {f.rating.score}星 · {OUTCOME_LABELS[f.rating.outcome]}
      </View>
      <View className='followup__links'>
        {f.resident.phone ? (
          <Tap className='link followup__call' onClick={() => callPhone(f.resident.phone!)}>
            拨打 {f.resident.phone}
          </Tap>
        ) : (
          <View className='muted'>居民未留电话</View>
        )}
        <Tap className='link followup__request' onClick={() => openPage('workRequest', { id: f.requestId })}>
          查看工单 ›
        </Tap>
      </View>
      {f.rating.comment ? <View className='followup__meta'>“{f.rating.comment}”</View> : null}
      <View className='followup__meta'>
        退回 {f.assignee.name} 重新办理 · {whenLabel(f.createdAt)}
      </View>
      {f.status === 'done' ? (
        <View className='followup__meta'>
          {f.reached ? '已联系上' : '未联系上'}：{f.result}
          {f.recordedBy ? `（${f.recordedBy.name}）` : ''}
        </View>
      ) : open ? (
        <RecordForm f={f} onDone={onDone} />
      ) : (
        <Tap className='btn btn--plain followup__open' onClick={() => setOpen(true)}>
          记录回访结果
        </Tap>
      )}
    </View>
  );
}

/** The PC table's columns; `record` opens the form for one task (an action cell, not sortable text). */
function followupColumns(record: (f: FollowupView) => void): TableColumn<FollowupView>[] {
  return [
    { key: 'title', label: '工单', text: (f) => f.title },
    { key: 'resident', label: '居民', text: (f) => f.resident.name },
    { key: 'phone', label: '电话', text: (f) => f.resident.phone ?? '未留电话' },
    { key: 'rating', label: '评价', text: (f) => `${f.rating.score}星 · ${OUTCOME_LABELS[f.rating.outcome]}${f.rating.comment ? ` “${f.rating.comment}”` : ''}`, sortValue: (f) => f.rating.score },
    { key: 'assignee', label: '退回', text: (f) => f.assignee.name },
    { key: 'created', label: '时间', text: (f) => whenLabel(f.createdAt), sortValue: (f) => f.createdAt },
    {
      key: 'result',
      label: '回访',
      text: (f) => (f.status === 'done' ? `${f.reached ? '已联系上' : '未联系上'}：${f.result ?? ''}` : '待回访'),
      render: (f) =>
        f.status === 'done' ? (
          `${f.reached ? '已联系上' : '未联系上'}：${f.result ?? ''}`
        ) : (
          <Tap className='link followup__open' onClick={() => record(f)}>
            记录回访结果
          </Tap>
        ),
    },
  ];
}

/** 回访任务: ratings that sent a request back; the admin calls the resident and records it. */
export default function FollowupsPage() {
  const [status, setStatus] = useState<'open' | 'done'>('open');
  const list = useRemote(() => callFunction('admin', 'followups.list', { status }), [status], { refreshOnShow: true });
  const wide = useWideScreen();
  const tableView = useTableView('followups');
  const [recording, setRecording] = useState('');
  const recorded = () => {
    setRecording('');
    void list.reload();
  };
  return (
    <StaffPage title='回访任务' roles={['admin']}>
      {() => (
        <View>
          <Choices
            name='followup-status'
            options={[
              { value: 'open', label: '待回访' },
              { value: 'done', label: '已回访' },
            ]}
            value={status}
            onChange={(v) => setStatus(v as 'open' | 'done')}
          />
          <Loaded state={list.state} onRetry={() => void list.reload()} empty={(d) => !d.items.length && (status === 'open' ? '没有待回访的任务' : '还没有回访记录')}>
            {(d) => {
              const current = d.items.find((f) => f.id === recording && f.status === 'open');
              return wide ? (
                <View>
                  {current ? (
                    <View className='followup'>
                      <View className='followup__title'>回访 {current.resident.name} · {current.title}</View>
                      <RecordForm key={current.id} f={current} onDone={recorded} />
                    </View>
                  ) : null}
                  <DataTable name='followups' view={tableView} rows={d.items} columns={followupColumns((f) => setRecording(f.id))} rowKey={(f) => f.id} onOpen={(f) => openPage('workRequest', { id: f.requestId })} />
                </View>
              ) : (
                <View>
                  {d.items.map((f) => (
                    <Item key={f.id} f={f} onDone={() => void list.reload()} />
                  ))}
                </View>
              );
            }}
          </Loaded>
        </View>
      )}
    </StaffPage>
  );
}

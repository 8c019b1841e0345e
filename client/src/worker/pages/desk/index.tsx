import { View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import type { Matter } from '@qgt/shared/catalog/schema';
import type { WalkinOutcome } from '@qgt/shared/desk/api';
import { WALKIN_OUTCOME_LABELS } from '@qgt/shared/vocabulary/desk';
import { search } from '@qgt/shared/search/match';
import { callFunction } from '../../../api/call';
import { loadMatter } from '../../../catalog/matter';
import { useCatalog } from '../../../catalog/useCatalog';
import Choices from '../../../components/Form/Choices';
import Field from '../../../components/Form/Field';
import SubmitButton from '../../../components/Form/SubmitButton';
import SearchBox from '../../../components/SearchBox';
import { Loaded, StaffPage } from '../../../components/Page';
import { openPage } from '../../../lib/nav';
import { timeLabel } from '../../../lib/time';
import { useRemote } from '../../../lib/useRemote';
import { useSubmit, useSubmitFailure } from '../../../lib/useSubmit';
import Tap from '../../../components/Tap';
import { showToast } from '../../../lib/toast';
import '../../../components/MaterialChecklist/index.scss';
import '../../components/worker.scss';
import FormError from '../../../components/Form/FormError';
import SectionTitle from '../../../components/SectionTitle';

const OUTCOMES = [
  { value: 'onTheSpot', label: WALKIN_OUTCOME_LABELS.onTheSpot },
  { value: 'handoff', label: WALKIN_OUTCOME_LABELS.handoff, desc: '出具一次性告知单' },
];

/** The walk-in form for one matter: what the resident brought, who they are, 当场办结 or 流转. */
function WalkinForm({ matter, onDone }: { matter: Pick<Matter, 'code' | 'title' | 'materials'>; onDone: () => void }) {
  const [have, setHave] = useState<string[]>([]);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState<WalkinOutcome | ''>('');
  const failed = useSubmitFailure();
  const { busy, run } = useSubmit();
  const related = useRemote(() => callFunction('desk', 'related', { matterCode: matter.code }), [matter.code]);
  const toggle = (n: string) => setHave(have.includes(n) ? have.filter((x) => x !== n) : [...have, n]);

  const submit = () =>
    run(async () => {
      if (!outcome) return failed.say('请选择当场办结或流转');
      failed.clear();
      const resident = name.trim() || phone.trim() ? { ...(name.trim() && { name: name.trim() }), ...(phone.trim() && { phone: phone.trim() }) } : undefined;
      try {
        const w = await callFunction('desk', 'walkin', { matterCode: matter.code, outcome, have, ...(resident && { resident }), ...(note.trim() && { note: note.trim() }) });
        if (w.outcome === 'handoff' && w.noticeId) openPage('notice', { id: w.noticeId });
        else void showToast({ title: '已记录，当场办结', icon: 'success' });
        onDone();
      } catch (e) {
        failed.set(e, () => void submit());
      }
    });

  return (
    <View className='desk-form'>
      <SectionTitle>{matter.title} · 居民已带材料（点选）</SectionTitle>
      <View className='cells'>
        {matter.materials.map((m) => {
          const on = have.includes(m.name);
          return (
            <Tap key={m.name} role='checkbox' checked={on} className={on ? 'cell material material--ticked' : 'cell material'} onClick={() => toggle(m.name)}>
              <View className='material__box'>{on ? '✓' : ''}</View>
              <View className='cell__body'>
                <View className='material__name'>{m.name}</View>
                {m.required ? null : <View className='cell__desc'>视情况提供</View>}
              </View>
            </Tap>
          );
        })}
      </View>
      <SectionTitle>居民（选填）</SectionTitle>
      <View className='cells'>
        <Field name='resident-name' label='姓名' maxlength={20} value={name} onChange={setName} />
        <Field name='resident-phone' label='电话' maxlength={13} value={phone} onChange={setPhone} />
        <Field name='note' label='备注' multiline maxlength={500} value={note} onChange={setNote} />
      </View>
      <SectionTitle>办理结果</SectionTitle>
      <Choices name='walkin-outcome' label='办理结果' options={OUTCOMES} value={outcome} onChange={(v) => setOutcome(v as WalkinOutcome)} />
      {related.state.status === 'ready' && related.state.data.items.length ? (
        <View>
          <SectionTitle>可一并办理</SectionTitle>
          <View className='cells related-advice'>
            {related.state.data.items.map((r) => (
              <View key={r.code} className='cell'>
                <View className='cell__body'>
                  <View>{r.title}</View>
                  <View className='cell__desc'>
                    {r.summary}
                    {r.onTheSpot ? ' · 可当场办结' : ''}
                  </View>
                </View>
              </View>
            ))}
          </View>
        </View>
      ) : null}
      <FormError failure={failed.failure} onRetry={failed.retry} />
      <View className='form-actions'>
        <SubmitButton name='walkin' text='记录受理' busy={busy} onClick={() => void submit()} />
      </View>
    </View>
  );
}

function DeskBody() {
  const catalog = useCatalog();
  const today = useRemote(() => callFunction('desk', 'today', {}), [], { refreshOnShow: true });
  const [q, setQ] = useState('');
  const [code, setCode] = useState('');
  const data = catalog.state.status === 'ready' ? catalog.state.data : undefined;
  const results = useMemo(() => (data && q.trim() ? search(data.index, q.trim(), 8) : []), [data, q]);
  // The materials are in the matter's details, asked for when it is chosen (kept for offline).
  const detail = useRemote(() => loadMatter(code), [code], { skip: !code });

  const t = today.state;
  const ready = t.status === 'ready' ? t.data : undefined;
  return (
    <View>
      <SectionTitle>今日值守</SectionTitle>
      <Loaded state={t} onRetry={() => void today.reload()}>
        {(d) => (
          <View className='block desk__duty'>
            {d.onDuty.length ? d.onDuty.map((p) => p.name).join('、') : '今天还没有排班'}
            {d.meOnDuty ? '（您在岗）' : ''}
            <View className='muted'>今日已受理 {d.walkins.length} 人次</View>
          </View>
        )}
      </Loaded>
      <SectionTitle>受理事项</SectionTitle>
      {code ? (
        <View>
          <View className='block'>
            <Tap className='btn btn--plain desk__change' onClick={() => setCode('')}>
              换一个事项
            </Tap>
          </View>
          <Loaded state={detail.state} onRetry={() => void detail.reload()} loading='正在加载事项材料…'>
            {(matter) =>
              matter.code === code ? (
                <WalkinForm
                  key={matter.code}
                  matter={matter}
                  onDone={() => {
                    setCode('');
                    setQ('');
                    void today.reload();
                  }}
                />
              ) : null
            }
          </Loaded>
        </View>
      ) : (
        <Loaded state={catalog.state} onRetry={catalog.retry} loading='正在加载事项目录…'>
          {() => (
            <View>
              <SearchBox value={q} onChange={setQ} />
              <View className='cells desk__results'>
                {results.map((r) => (
                  <Tap key={r.code} className='cell desk__result' onClick={() => setCode(r.code)}>
                    {r.title}
                  </Tap>
                ))}
              </View>
              {q.trim() && !results.length ? <View className='block muted'>没有找到相关事项</View> : null}
            </View>
          )}
        </Loaded>
      )}
      {ready?.walkins.length ? (
        <View>
          <SectionTitle>今日受理</SectionTitle>
          <View className='cells'>
            {ready.walkins.map((w) => (
              <Tap key={w.id} className='cell' onClick={w.noticeId ? () => openPage('notice', { id: w.noticeId }) : undefined}>
                <View className='cell__body'>
                  <View>
                    {timeLabel(w.at)} {w.matterTitle}
                  </View>
                  <View className='cell__desc'>
                    {w.outcome === 'onTheSpot' ? WALKIN_OUTCOME_LABELS.onTheSpot : '已流转 · 查看告知单'}
                    {w.resident?.name ? ` · ${w.resident.name}` : ''}
                  </View>
                </View>
              </Tap>
            ))}
          </View>
        </View>
      ) : null}
    </View>
  );
}

/** 窗口受理: 首问负责 at the community window. */
export default function DeskPage() {
  return (
    <StaffPage title='窗口受理' roles={['worker', 'admin']}>
      {() => <DeskBody />}
    </StaffPage>
  );
}

import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { Catalog, Matter } from '@qgt/shared/catalog/schema';
import type { FieldIssue } from '@qgt/shared/errors';
import { callFunction } from '../../../api/call';
import { uploadLargeInput } from '../../../api/upload';
import { INLINE_INPUT_LIMIT } from '@qgt/shared/limits';
import { errorMessage, isApiError } from '../../../api/errors';
import Choices from '../../../components/Form/Choices';
import Field from '../../../components/Form/Field';
import SubmitButton from '../../../components/Form/SubmitButton';
import StaffGate from '../../../components/StaffGate';
import { dateTimeLabel } from '../../../lib/time';
import { useRemote } from '../../../lib/useRemote';
import { useSubmit } from '../../../lib/useSubmit';
import { remoteBody } from '../../components/remote';
import '../../components/admin.scss';

/** 2026.3.4 → 2026.3.5 */
export function bumpVersion(v: string): string {
  const p = v.split('.').map(Number);
  return p.length === 3 && p.every((n) => Number.isInteger(n)) ? `${p[0]}.${p[1]}.${p[2] + 1}` : v;
}

const lines = (s: string) => s.split('\n').map((l) => l.trim()).filter(Boolean);

/** The editable text fields of one matter; materials and the rest stay as they are. */
function MatterForm({ m, onSave }: { m: Matter; onSave: (m: Matter) => void }) {
  const [title, setTitle] = useState(m.title);
  const [summary, setSummary] = useState(m.summary);
  const [basis, setBasis] = useState(m.basis);
  const [where, setWhere] = useState(m.where);
  const [fee, setFee] = useState(m.fee);
  const [days, setDays] = useState(String(m.timeLimit.workingDays));
  const [steps, setSteps] = useState(m.steps.join('\n'));
  const [tips, setTips] = useState(m.tips.join('\n'));
  const [onTheSpot, setOnTheSpot] = useState(m.onTheSpot ? 'yes' : 'no');
  const [error, setError] = useState('');
  const save = () => {
    const n = Number(days);
    if (!Number.isInteger(n) || n < 0 || n > 90) return setError('承诺时限应为0–90的整数（0为当场办结）');
    setError('');
    onSave({ ...m, title: title.trim(), summary: summary.trim(), basis: basis.trim(), where: where.trim(), fee: fee.trim(), timeLimit: { ...m.timeLimit, workingDays: n }, steps: lines(steps), tips: lines(tips), onTheSpot: onTheSpot === 'yes' });
  };
  return (
    <View className='matter-form'>
      <View className='cells'>
        <Field name='m-title' label='事项名称' required maxlength={30} value={title} onChange={setTitle} />
        <Field name='m-summary' label='简介' required multiline maxlength={200} value={summary} onChange={setSummary} />
        <Field name='m-basis' label='办理依据' required multiline maxlength={400} value={basis} onChange={setBasis} />
        <Field name='m-days' label='承诺时限（工作日）' type='number' maxlength={2} value={days} onChange={setDays} />
        <Field name='m-where' label='办理地点' required multiline maxlength={200} value={where} onChange={setWhere} />
        <Field name='m-fee' label='收费' maxlength={60} value={fee} onChange={setFee} />
        <Field name='m-steps' label='办理步骤（每行一步）' multiline maxlength={2000} value={steps} onChange={setSteps} />
        <Field name='m-tips' label='温馨提示（每行一条）' multiline maxlength={2000} value={tips} onChange={setTips} />
      </View>
      <Choices name='m-onthespot' options={[{ value: 'yes', label: '即办件（当场办结）' }, { value: 'no', label: '流转后台' }]} value={onTheSpot} onChange={setOnTheSpot} />
      {error ? <View className='form-error'>{error}</View> : null}
      <View className='form-actions'>
        <SubmitButton name='matter-save' tone='plain' text='保存到草稿' onClick={save} />
      </View>
    </View>
  );
}

function Editor({ start, onPublished }: { start: Catalog; onPublished: () => void }) {
  const [draft, setDraft] = useState<Catalog>(start);
  const [changed, setChanged] = useState<string[]>([]);
  const [open, setOpen] = useState('');
  const [q, setQ] = useState('');
  const [version, setVersion] = useState(bumpVersion(start.version));
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const { busy, run } = useSubmit();
  const shown = draft.matters.filter((m) => !q.trim() || m.title.includes(q.trim()) || m.code.includes(q.trim()));

  const publish = () =>
    run(async () => {
      setError('');
      setIssues([]);
      try {
        const catalog = { ...draft, version };
        // Past CloudBase's 100 KB call limit the catalog goes through storage (weapp).
        const fileId = await uploadLargeInput('catalogs', catalog, INLINE_INPUT_LIMIT);
        const r = await callFunction('admin', 'catalog.publish', { ...(fileId ? { fileId } : { catalog }), ...(note.trim() && { note: note.trim() }) });
        void Taro.showToast({ title: `已发布 ${r.version}`, icon: 'success' });
        setChanged([]);
        setNote('');
        onPublished();
      } catch (e) {
        setError(errorMessage(e));
        if (isApiError(e)) setIssues(e.issues ?? []);
      }
    });

  return (
    <View>
      <View className='cells'>
        <Field name='catalog-q' label='查找事项' maxlength={30} value={q} onChange={setQ} />
      </View>
      <View className='cells catalog__matters'>
        {shown.slice(0, 50).map((m) => (
          <View key={m.code}>
            <View className='cell catalog__matter' onClick={() => setOpen(open === m.code ? '' : m.code)}>
              <View className='cell__body'>
                <View>
                  {m.title}
                  {changed.includes(m.code) ? '（已修改）' : ''}
                </View>
                <View className='cell__desc'>
                  {m.code} · {m.timeLimit.workingDays ? `${m.timeLimit.workingDays}个工作日` : '当场办结'}
                </View>
              </View>
            </View>
            {open === m.code ? (
              <MatterForm
                m={m}
                onSave={(next) => {
                  setDraft({ ...draft, matters: draft.matters.map((x) => (x.code === next.code ? next : x)) });
                  setChanged(changed.includes(next.code) ? changed : [...changed, next.code]);
                  setOpen('');
                }}
              />
            ) : null}
          </View>
        ))}
      </View>
      <View className='section-title'>发布（当前 {start.version}）</View>
      <View className='cells'>
        <Field name='catalog-version' label='新版本号' required maxlength={16} value={version} onChange={setVersion} />
        <Field name='catalog-note' label='发布说明' multiline maxlength={200} value={note} onChange={setNote} />
      </View>
      {error ? <View className='form-error'>{error}</View> : null}
      {issues.map((i) => (
        <View key={`${i.field}:${i.message}`} className='block grids__issue-field'>
          {i.field}：{i.message}
        </View>
      ))}
      <View className='form-actions'>
        <SubmitButton name='catalog-publish' text={changed.length ? `发布（修改了${changed.length}个事项）` : '发布'} disabled={!changed.length} busy={busy} onClick={() => void publish()} />
      </View>
    </View>
  );
}

/** 事项目录: edit matters in a draft of the published catalog, bump the version, publish with a note. */
export default function CatalogPage() {
  const draft = useRemote(() => callFunction('admin', 'catalog.draft.get', {}), []);
  const versions = useRemote(() => callFunction('admin', 'catalog.versions', {}), []);
  return (
    <StaffGate title='事项目录' roles={['admin']}>
      {() => (
        <View>
          {remoteBody(draft.state, () => void draft.reload(), (d) => (
            <Editor
              key={d.catalog.version}
              start={d.catalog}
              onPublished={() => {
                void draft.reload();
                void versions.reload();
              }}
            />
          ))}
          <View className='section-title'>版本历史</View>
          {remoteBody(
            versions.state,
            () => void versions.reload(),
            (v) => (
              <View className='cells catalog__versions'>
                {v.items.map((x) => (
                  <View key={x.version} className='cell'>
                    <View className='cell__body'>
                      <View>
                        {x.version}
                        {x.current ? '（当前）' : ''} · {x.matters}个事项
                      </View>
                      <View className='cell__desc'>
                        {dateTimeLabel(x.publishedAt)}
                        {x.byName ? ` · ${x.byName}` : ''}
                        {x.note ? ` · ${x.note}` : ''}
                      </View>
                    </View>
                  </View>
                ))}
              </View>
            ),
            (v) => !v.items.length && '还没有发布记录',
          )}
        </View>
      )}
    </StaffGate>
  );
}

import { View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { AuditEntry } from '@qgt/shared/admin/views';
import { auditActionLabel } from '@qgt/shared/vocabulary/audit';
import { callFunction } from '../../../api/call';
import { errorMessage } from '../../../api/errors';
import Choices from '../../../components/Form/Choices';
import Field from '../../../components/Form/Field';
import Notice from '../../../components/Notice';
import { StaffPage } from '../../../components/Page';
import SectionTitle from '../../../components/SectionTitle';
import Tap from '../../../components/Tap';
import { useRouteQuery } from '../../../lib/nav';
import { dateTimeLabel, localDateAfter, localDateKey } from '../../../lib/time';
import { keepInUrl } from '../../../lib/useTableView';
import { useRemote } from '../../../lib/useRemote';
import { useSubmit } from '../../../lib/useSubmit';
import AuditExport from '../../components/AuditExport';
import { ACTION_CHOICES, auditQuery, auditRowText, peopleChoices, type AuditForm } from '../../components/auditSearch';
import '../../components/admin.scss';

type Results = { items: AuditEntry[]; next?: string; error?: string };

/**
 * 操作审计 (街道 and 区 admins): who did what to which object and when, newest first, a page at a
 * time; the records come masked as the trail keeps them. The search is kept in the URL, and the
 * window can be exported as CSV (H5).
 */
export default function AuditPage() {
  const opened = useRouteQuery('audit');
  const [form, setForm] = useState<AuditForm>({
    from: opened.from || localDateAfter(-29),
    to: opened.to || localDateKey(Date.now()),
    actor: opened.actor,
    action: opened.action,
    target: opened.target,
  });
  const [results, setResults] = useState<Results>();
  const { busy, run } = useSubmit();
  // Who may be searched for: the staff the admin manages, by name (never an OPENID typed in).
  const staff = useRemote(() => callFunction('admin', 'roles.list', {}), []);
  const edit = (key: keyof AuditForm) => (v: string) => setForm((f) => ({ ...f, [key]: v }));

  const load = (before?: string) =>
    run(async () => {
      try {
        const page = await callFunction('admin', 'audit.list', auditQuery(form, before));
        setResults((r) => ({ items: before && r ? [...r.items, ...page.items] : page.items, next: page.next }));
      } catch (e) {
        setResults((r) => ({ items: before && r ? r.items : [], next: before ? r?.next : undefined, error: errorMessage(e) }));
      }
    });
  // Opened from a link: its search at once.
  useEffect(() => {
    void load();
  }, []);
  const search = () => {
    keepInUrl('audit', form, true);
    void load();
  };

  return (
    <StaffPage title='操作审计' roles={['admin']}>
      {() => (
        <View>
          <View className='cells audit__form'>
            <Field name='audit-from' label='开始日期' placeholder='如 2026-11-01' maxlength={25} value={form.from} onChange={edit('from')} />
            <Field name='audit-to' label='结束日期' placeholder='如 2026-11-30' maxlength={25} value={form.to} onChange={edit('to')} />
            <Field name='audit-target' label='对象' placeholder='如工单编号' maxlength={200} value={form.target} onChange={edit('target')} />
          </View>
          <SectionTitle>操作人</SectionTitle>
          <Choices name='audit-actor' label='操作人' options={peopleChoices(staff.state.status === 'ready' ? staff.state.data.items : [], form.actor)} value={form.actor} onChange={edit('actor')} />
          <SectionTitle>操作</SectionTitle>
          <Choices name='audit-action' label='操作' options={ACTION_CHOICES} value={form.action} onChange={edit('action')} />
          <View className='admin-links'>
            <Tap className={`btn btn--primary audit__search${busy ? ' btn--disabled' : ''}`} onClick={busy ? undefined : search}>
              查询
            </Tap>
          </View>
          <AuditExport from={form.from.trim()} to={form.to.trim()} />
          {results?.error ? <Notice tone='error' text={results.error} /> : null}
          {results && !results.error && !results.items.length ? <View className='block muted audit__empty'>没有符合条件的记录</View> : null}
          {results?.items.length ? (
            <View className='cells audit__list'>
              {results.items.map((e, i) => {
                const { who, via } = auditRowText(e);
                return (
                  <View key={`${e.at}-${i}`} className='cell audit__item'>
                    <View className='cell__body'>
                      <View className='cell__title'>
                        {auditActionLabel(e.action)}
                        {e.target ? ` · ${e.target}` : ''}
                      </View>
                      <View className='cell__desc'>
                        {dateTimeLabel(e.at)} · {who} · {via}
                      </View>
                    </View>
                  </View>
                );
              })}
            </View>
          ) : null}
          {results?.next ? (
            <View className='admin-links'>
              <Tap className={`btn btn--plain audit__more${busy ? ' btn--disabled' : ''}`} onClick={busy ? undefined : () => void load(results.next)}>
                加载更多
              </Tap>
            </View>
          ) : null}
        </View>
      )}
    </StaffPage>
  );
}

import { View } from '@tarojs/components';
import type { NoticeSheet } from '@qgt/shared/desk/api';
import { callFunction } from '../../../api/call';
import Page from '../../../components/Page';
import { useRouteQuery } from '../../../lib/nav';
import { dateTimeLabel, dueLabel } from '../../../lib/time';
import { useRemote } from '../../../lib/useRemote';
import Tap from '../../../components/Tap';
import './index.scss';

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <View className='sheet__section'>
      <View className='sheet__heading'>{title}</View>
      {children}
    </View>
  );
}

function Sheet({ n }: { n: NoticeSheet }) {
  return (
    <View className='sheet'>
      <View className='sheet__title'>一次性告知单</View>
      <View className='sheet__matter'>{n.title}</View>
      <View className='sheet__meta'>
        {n.resident?.name ? `${n.resident.name} · ` : ''}
        {dateTimeLabel(n.issuedAt)} · 编号 {n.id}
      </View>
      <Section title='办理依据'>
        <View className='sheet__text'>{n.basis}</View>
      </Section>
      <Section title={n.missing.length ? `还需补齐的材料（${n.missing.length}项）` : '材料已备齐'}>
        {n.materials.map((m) => (
          <View key={m.name} className={m.have || !m.required ? 'sheet__material' : 'sheet__material sheet__material--missing'}>
            {m.have ? '☑' : '☐'} {m.name}
            {m.copies > 1 ? ` ×${m.copies}` : ''}
            {m.required ? '' : '（视情况）'}
            {m.note ? <View className='sheet__note'>{m.note}</View> : null}
          </View>
        ))}
      </Section>
      <Section title='办理步骤'>
        {n.steps.map((s, i) => (
          <View key={i} className='sheet__text'>
            {i + 1}. {s}
          </View>
        ))}
      </Section>
      <Section title='办理时限'>
        <View className='sheet__text'>
          {n.timeLimit.text}
          {n.dueAt ? (n.timeLimit.promised === false ? `；社区将于 ${dueLabel(n.dueAt, Date.now(), true)} 跟进答复` : `，预计 ${dueLabel(n.dueAt, Date.now(), true)} 办结`) : ''}
        </View>
      </Section>
      <Section title='办理地点'>
        <View className='sheet__text'>{n.where}</View>
        {n.fee ? <View className='sheet__text'>收费：{n.fee}</View> : null}
      </Section>
      {n.tips.length ? (
        <Section title='温馨提示'>
          {n.tips.map((t) => (
            <View key={t} className='sheet__text'>
              · {t}
            </View>
          ))}
        </Section>
      ) : null}
      {n.related.length ? (
        <Section title='可一并办理'>
          {n.related.map((r) => (
            <View key={r.code} className='sheet__text sheet__related'>
              · {r.title}：{r.summary}
            </View>
          ))}
        </Section>
      ) : null}
      <Section title='联系人'>
        <View className='sheet__text'>
          {n.contact.name}
          {n.contact.phone ? ` ${n.contact.phone}` : ''}
          {n.contact.community ? ` · ${n.contact.community}` : ''}
        </View>
      </Section>
      <View className='sheet__foot'>本单一次性告知所需材料，补齐后即可办理。受理人：{n.issuedBy.name}</View>
      {n.review ? <View className='sheet__foot sheet__review'>{n.review.line}</View> : null}
    </View>
  );
}

/** 一次性告知单: a clean sheet to print (H5) or screenshot (weapp). */
export default function NoticePage() {
  const { id } = useRouteQuery('notice');
  const notice = useRemote(() => callFunction('desk', 'notice', { id }), [id]);
  return (
    <Page state={notice.state} onRetry={() => void notice.reload()} loading='正在生成告知单…'>
      {(n) => (
        <View>
          <Sheet n={n} />
          {process.env.TARO_ENV === 'h5' ? (
            <View className='form-actions sheet__actions'>
              <Tap className='btn btn--primary sheet__print' onClick={() => window.print()}>
                打印告知单
              </Tap>
            </View>
          ) : (
            <View className='block muted sheet__actions'>可截屏发给居民保存</View>
          )}
        </View>
      )}
    </Page>
  );
}

import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { CatalogSummary } from '@qgt/shared/catalog/summary';
import { SOURCE_FIELD_LABELS } from '@qgt/shared/catalog/codes';
import { reviewLine } from '@qgt/shared/catalog/timeLimit';
import { LOCAL_LEVEL_LABELS, type LocalField, type LocalMark } from '@qgt/shared/catalog/local';
import type { MatterView as Matter } from '../../catalog/matter';
import { matterMap } from '../../catalog/cache';
import { categoryName } from '../../catalog/select';
import ElderToggle from '../../components/ElderToggle';
import InfoRow from '../../components/InfoRow';
import MaterialChecklist from '../../components/MaterialChecklist';
import MatterBadges from '../../components/MatterBadges';
import MatterList from '../../components/MatterList';
import ReportError from '../../components/ReportError';
import ShareButton from '../../components/ShareButton';
import { sourceLabel, timeLimitLabel } from '../../lib/format';
import { dateLabel } from '../../lib/time';
import { goHome, openPage } from '../../lib/nav';
import Tap from '../../components/Tap';
import './index.scss';
import SectionTitle from '../../components/SectionTitle';

interface Props {
  matter: Matter;
  /** The cached catalog summary, for category and related-matter names; absent before it loads. */
  catalog?: CatalogSummary;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <View className='matter__section'>
      <SectionTitle>{title}</SectionTitle>
      {children}
    </View>
  );
}

function Lines({ items, ordered }: { items: string[]; ordered?: boolean }) {
  return (
    <View className='cells'>
      {items.map((text, i) => (
        <View key={i} className='cell matter__line'>
          {ordered ? <View className='matter__step'>{i + 1}</View> : <View className='matter__dot'>•</View>}
          <View className='cell__body cell__title'>{text}</View>
        </View>
      ))}
    </View>
  );
}

/** 来源: each document once, with the articles and the fields it backs. */
function sourceLines(matter: Matter): string[] {
  const all = [...matter.sources, ...(matter.timeLimit.legal?.source ? [matter.timeLimit.legal.source] : [])];
  const lines = new Map<string, string[]>();
  for (const s of all) {
    const key = sourceLabel(s);
    const fields = lines.get(key) ?? [];
    if (s.field && !fields.includes(SOURCE_FIELD_LABELS[s.field])) fields.push(SOURCE_FIELD_LABELS[s.field]);
    lines.set(key, fields);
  }
  return [...lines].map(([label, fields]) => (fields.length ? `${label}（${fields.join('、')}）` : label));
}

/** 本地: a field a local rule set, with where the rule holds, its source and when it was checked. */
function LocalNote({ marks, field }: { marks: LocalMark[] | undefined; field: LocalField }) {
  const mark = marks?.find((m) => m.field === field);
  if (!mark) return null;
  return (
    <View className={`matter__local matter__local--${field}`}>
      <View className='badge badge--local'>本地</View>
      <View className='cell__desc'>
        {mark.region}（{LOCAL_LEVEL_LABELS[mark.level]}）规定：{sourceLabel(mark.source)}，{dateLabel(`${mark.reviewedAt}T00:00:00+08:00`)}核对
      </View>
    </View>
  );
}

export default function MatterDetail({ matter, catalog }: Props) {
  const local = matter.local;
  const sources = sourceLines(matter);
  const unverified = matter.review.status === 'draft' ? matter.review.unverified.map((u) => SOURCE_FIELD_LABELS[u.field]) : [];
  const category = catalog ? categoryName(catalog, matter.category) : '';
  const byCode = catalog ? matterMap(catalog) : undefined;
  const related = matter.related.map((code) => ({ code, title: byCode?.get(code)?.title ?? code }));

  return (
    <View className='matter'>
      <View className='matter__head'>
        <View className='matter__toolbar'>
          <View className='muted'>{category}</View>
          <ElderToggle />
        </View>
        <View className='matter__title'>{matter.title}</View>
        <View className='matter__summary'>{matter.summary}</View>
        <MatterBadges matter={matter} />
      </View>

      <View className='cells'>
        <InfoRow label='办结时限'>
          <View className='matter__limit'>{timeLimitLabel(matter.timeLimit)}</View>
          {matter.timeLimit.note ? <View className='cell__desc'>{matter.timeLimit.note}</View> : null}
          <LocalNote marks={local} field='timeLimit' />
        </InfoRow>
        <InfoRow label='办理地点'>
          {matter.where}
          <LocalNote marks={local} field='where' />
        </InfoRow>
        {matter.online.length ? (
          <InfoRow label='线上渠道'>
            {matter.online.join('；')}
            <LocalNote marks={local} field='online' />
          </InfoRow>
        ) : null}
        <InfoRow label='收费标准'>{matter.fee}</InfoRow>
      </View>

      <Section title='办理对象'>
        <Lines items={matter.eligibility} />
      </Section>

      <Section title='所需材料（点击勾选已备好的材料）'>
        <LocalNote marks={local} field='materials' />
        <MaterialChecklist code={matter.code} materials={matter.materials} />
      </Section>

      <Section title='办理流程'>
        <Lines items={matter.steps} ordered />
      </Section>

      <Section title='办理依据'>
        <View className='block matter__basis'>{matter.basis}</View>
        {sources.length ? (
          <View className='block matter__sources'>
            <View className='muted'>来源</View>
            {sources.map((line) => (
              <View key={line} className='matter__source'>
                {line}
              </View>
            ))}
          </View>
        ) : null}
      </Section>

      {matter.tips.length ? (
        <Section title='温馨提示'>
          <Lines items={matter.tips} />
        </Section>
      ) : null}

      {related.length ? (
        <Section title='相关事项'>
          <MatterList items={related} />
        </Section>
      ) : null}

      {matter.doorstep ? (
        <View className='matter__doorstep'>
          <Tap className='btn btn--primary matter__book' onClick={() => openPage('booking', { matter: matter.code })}>
            预约上门帮办
          </Tap>
          <View className='muted matter__doorstep-hint'>行动不便可预约网格员上门，帮您代办此事项。</View>
        </View>
      ) : null}

      <View className={`matter__review matter__review--${matter.review.status}`}>
        {reviewLine(matter.review)}
        {unverified.length ? <View className='muted'>待核实：{unverified.join('、')}</View> : null}
        <ReportError code={matter.code} />
      </View>

      <View className='matter__actions'>
        <ShareButton code={matter.code} />
        <Tap className='btn btn--plain matter__home' onClick={() => goHome()}>
          返回首页
        </Tap>
      </View>
    </View>
  );
}

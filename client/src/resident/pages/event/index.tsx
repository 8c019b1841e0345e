import { View } from '@tarojs/components';
import { useMemo } from 'react';
import { lifeEventPlan } from '@qgt/shared/guide/lifeEvents';
import { useCatalog } from '../../../catalog/useCatalog';
import Page from '../../../components/Page';
import { materialCopiesLabel, materialFormLabel, timeLimitLabel } from '../../../lib/format';
import { openMatter, openPage, useRouteQuery } from '../../../lib/nav';
import Tap from '../../../components/Tap';
import './index.scss';

/**
 * 高效办成一件事: a life event's matters in order, one merged material list (each paper once,
 * with the matters that need it) and one booking for help with all of them. Computed from the
 * cached catalog, so it opens offline.
 */
export default function EventPage() {
  const code = useRouteQuery('event').code;
  const { state, retry } = useCatalog();
  const plan = useMemo(() => (state.status === 'ready' ? lifeEventPlan(state.data.catalog, code) : null), [state, code]);

  return (
    <Page state={state} onRetry={retry} loading='正在加载…' empty={() => !plan && '没有找到这件事，请返回首页查看。'}>
      {() =>
        plan && (
          <View>
            <View className='event__head block'>
              <View className='event__title'>{plan.title}</View>
              <View className='muted'>{plan.summary}</View>
            </View>
            <View className='section-title'>按顺序办这些事项（{plan.matters.length}项）</View>
            <View className='cells'>
              {plan.matters.map((m, i) => (
                <Tap key={m.code} className='cell event__matter' onClick={() => openMatter(m.code)}>
                  <View className='cell__body'>
                    <View className='cell__title'>{i + 1}. {m.title}</View>
                    <View className='cell__desc'>{timeLimitLabel(m.timeLimit)}{m.doorstep ? ' · 可上门帮办' : ''}</View>
                  </View>
                  <View className='cell__arrow'>›</View>
                </Tap>
              ))}
            </View>
            <View className='section-title'>一次带齐的材料（{plan.materials.length}项）</View>
            <View className='cells'>
              {plan.materials.map((m) => (
                <View key={m.name} className='cell event__material'>
                  <View className='cell__body'>
                    <View className='cell__title'>
                      {m.name}
                      {m.required ? '' : '（视情况）'}
                    </View>
                    <View className='cell__desc'>
                      {[materialFormLabel(m), materialCopiesLabel(m)].filter(Boolean).join(' · ')} · {m.for.length > 1 ? `${m.for.length}个事项共用：` : '用于：'}
                      {m.for.map((f) => f.title).join('、')}
                    </View>
                  </View>
                </View>
              ))}
            </View>
            <Tap className='btn btn--primary event__book' onClick={() => openPage('booking', { event: plan.code })}>
              预约一次帮办，{plan.matters.length}项一起办
            </Tap>
          </View>
        )
      }
    </Page>
  );
}

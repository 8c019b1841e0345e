import { View } from '@tarojs/components';
import { isApiError } from '../../../api/errors';
import { loadLifeEvent } from '../../../catalog/matter';
import { useRemote } from '../../../lib/useRemote';
import Page from '../../../components/Page';
import { materialCopiesLabel, materialFormLabel, timeLimitLabel } from '../../../lib/format';
import { openMatter, openPage, useRouteQuery } from '../../../lib/nav';
import Tap from '../../../components/Tap';
import './index.scss';
import SectionTitle from '../../../components/SectionTitle';

/**
 * 高效办成一件事: a life event's matters in order, one merged material list (each paper once,
 * with the matters that need it) and one booking for help with all of them. Asked of guide.lifeEvent
 * and kept on the device like a matter's details, so an event opened before opens offline.
 */
export default function EventPage() {
  const code = useRouteQuery('event').code;
  const remote = useRemote(async () => {
    try {
      return await loadLifeEvent(code);
    } catch (e) {
      if (isApiError(e) && e.code === 'NOT_FOUND') return null;
      throw e;
    }
  }, [code]);

  return (
    <Page state={remote.state} onRetry={() => void remote.reload()} loading='正在加载…' empty={(plan) => !plan && '没有找到这件事，请返回首页查看。'}>
      {(plan) =>
        plan && (
          <View>
            <View className='event__head block'>
              <View className='event__title'>{plan.title}</View>
              <View className='muted'>{plan.summary}</View>
            </View>
            <SectionTitle>按顺序办这些事项（{plan.matters.length}项）</SectionTitle>
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
            <SectionTitle>一次带齐的材料（{plan.materials.length}项）</SectionTitle>
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

import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { PlaceHit } from '@qgt/shared/search/types';
import { openPage } from '../../lib/nav';
import Tap from '../Tap';
import './index.scss';

/**
 * 去哪办 and 随手拍 answers above the matter results: where a non-community matter is done, or
 * the report page for a problem — an urgent one (燃气) with its emergency line first.
 */
export default function SearchAnswers({ answers }: { answers: PlaceHit[] }) {
  if (!answers.length) return null;
  return (
    <View className='answers'>
      {answers.map((a) => (
        <View key={a.code} className={`answer answer--${a.urgent ? 'urgent' : a.type}`}>
          {a.urgent && a.emergency ? (
            <Tap className='btn btn--primary answer__call' onClick={() => void Taro.makePhoneCall({ phoneNumber: a.emergency!.phone })}>
              {a.emergency.name}：拨打 {a.emergency.phone}
            </Tap>
          ) : null}
          <View className='answer__title'>{a.type === 'where' ? `去哪办：${a.title}` : a.title}</View>
          {a.office ? <View className='answer__office'>请到{a.office}</View> : null}
          {a.note ? <View className='answer__note'>{a.note}</View> : null}
          {a.type === 'report' ? (
            <Tap className='btn btn--plain answer__report' onClick={() => openPage('report', { category: a.category })}>
              随手拍上报
            </Tap>
          ) : null}
        </View>
      ))}
    </View>
  );
}

import { View } from '@tarojs/components';
import type { DuplicateView } from '@qgt/shared/requests/api';
import SubmitButton from '../../components/Form/SubmitButton';
import { statusLabel } from '../../lib/requestLabels';
import { whenLabel } from '../../lib/time';
import Tap from '../../components/Tap';
import './resident.scss';

interface Props {
  candidates: DuplicateView[];
  busy: boolean;
  onFollow: (id: string) => void;
  onOpenMine: (id: string) => void;
  onContinue: () => void;
}

/** "同一问题？": nearby reports of the same kind; follow one (我也遇到) or file anyway. */
export default function DuplicatePanel({ candidates, busy, onFollow, onOpenMine, onContinue }: Props) {
  return (
    <View className='dup'>
      <View className='dup__title'>同一问题？</View>
      <View className='dup__hint'>附近最近已有居民反映了同类问题。如果是同一个问题，点“我也遇到”即可跟进处理进展，不必重复提交。</View>
      {candidates.map((c) => (
        <View key={c.id} className='dup__item' data-id={c.id}>
          <View className='dup__desc'>{c.description || '（无描述）'}</View>
          <View className='dup__meta'>
            相距约{c.distance}米 · {statusLabel(c.status)} · {whenLabel(c.createdAt)}
            {c.mine ? ' · 您提交的' : ''}
          </View>
          {c.mine ? (
            <Tap className='btn btn--plain dup__follow dup__open' onClick={() => onOpenMine(c.id)}>
              查看我提交的诉求
            </Tap>
          ) : (
            <View className='dup__follow'>
              <SubmitButton name='follow' tone='plain' text='我也遇到' busyText='正在提交…' busy={busy} onClick={() => onFollow(c.id)} />
            </View>
          )}
        </View>
      ))}
      <View className='dup__continue'>
        <SubmitButton name='continue' text='不是，继续提交' busy={busy} onClick={onContinue} />
      </View>
    </View>
  );
}

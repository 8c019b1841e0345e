import { View } from '@tarojs/components';
import { a11yProps } from '../../lib/a11y';
import Tap from '../Tap';
import './index.scss';

const WORDS = ['', '很不满意', '不满意', '一般', '满意', '非常满意'];

/** 1–5 stars; `onChange` absent = read-only (then read as one image: "4星 满意"). */
export default function Stars({ value, onChange }: { value: number; onChange?: (v: number) => void }) {
  if (!onChange) {
    return (
      <View className='stars' {...a11yProps({ role: 'img', label: value ? `${value}星 ${WORDS[value]}` : '未评分' })}>
        {[1, 2, 3, 4, 5].map((n) => (
          <View key={n} className={n <= value ? `stars__star stars__star--on stars__star--${n}` : `stars__star stars__star--${n}`}>
            {n <= value ? '★' : '☆'}
          </View>
        ))}
        <View className='stars__text'>{WORDS[value] ?? '请打分'}</View>
      </View>
    );
  }
  return (
    <View className='stars' {...a11yProps({ role: 'radiogroup', label: '评分' })}>
      {[1, 2, 3, 4, 5].map((n) => (
        <Tap
          key={n}
          role='radio'
          checked={n === value}
          label={`${n}星 ${WORDS[n]}`}
          className={n <= value ? `stars__star stars__star--on stars__star--${n}` : `stars__star stars__star--${n}`}
          onClick={() => onChange(n)}
        >
          {n <= value ? '★' : '☆'}
        </Tap>
      ))}
      <View className='stars__text' {...a11yProps({ hidden: true })}>
        {WORDS[value] ?? '请打分'}
      </View>
    </View>
  );
}

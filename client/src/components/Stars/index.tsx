import { View } from '@tarojs/components';
import './index.scss';

const WORDS = ['', '很不满意', '不满意', '一般', '满意', '非常满意'];

/** 1–5 stars; `onChange` absent = read-only. */
export default function Stars({ value, onChange }: { value: number; onChange?: (v: number) => void }) {
  return (
    <View className='stars'>
      {[1, 2, 3, 4, 5].map((n) => (
        <View
          key={n}
          className={n <= value ? `stars__star stars__star--on stars__star--${n}` : `stars__star stars__star--${n}`}
          onClick={onChange ? () => onChange(n) : undefined}
        >
          ★
        </View>
      ))}
      <View className='stars__text'>{WORDS[value] ?? '请打分'}</View>
    </View>
  );
}

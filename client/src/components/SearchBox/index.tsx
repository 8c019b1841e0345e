import { Input, View } from '@tarojs/components';
import './index.scss';

interface Props {
  value: string;
  onChange: (value: string) => void;
}

/** Search input; the page searches the offline index on every keystroke. */
export default function SearchBox({ value, onChange }: Props) {
  return (
    <View className='search-box'>
      <View className='search-box__field'>
        <View className='search-box__icon'>🔍</View>
        <Input
          className='search-box__input'
          type='text'
          confirmType='search'
          value={value}
          maxlength={100}
          placeholder='搜索事项，如：低保、退休认证、dibao'
          placeholderClass='search-box__placeholder'
          onInput={(e) => onChange(e.detail.value)}
          onConfirm={(e) => onChange(e.detail.value)}
        />
        {value ? (
          <View className='search-box__clear' onClick={() => onChange('')}>
            清除
          </View>
        ) : null}
      </View>
    </View>
  );
}

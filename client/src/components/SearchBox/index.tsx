import { Input, View } from '@tarojs/components';
import Tap from '../Tap';
import { a11yProps } from '../../lib/a11y';
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
        <View className='search-box__icon' {...a11yProps({ hidden: true })}>🔍</View>
        <Input
          className='search-box__input'
          type='text'
          confirmType='search'
          value={value}
          maxlength={100}
          placeholder='搜索事项，如：低保、退休认证、dibao'
          placeholderClass='search-box__placeholder'
          {...(process.env.TARO_ENV === 'h5' ? { nativeProps: { 'aria-label': '搜索事项' } } : { 'aria-label': '搜索事项' })}
          onInput={(e) => onChange(e.detail.value)}
          onConfirm={(e) => onChange(e.detail.value)}
        />
        {value ? (
          <Tap className='search-box__clear' label='清除搜索' onClick={() => onChange('')}>
            清除
          </Tap>
        ) : null}
      </View>
    </View>
  );
}

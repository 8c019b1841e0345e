import { View } from '@tarojs/components';
import type { CategoryWithCount } from '@qgt/shared/guide/api';
import { openCategory } from '../../lib/nav';
import Tap from '../Tap';
import './index.scss';

/** Category tiles, three a row; a tile opens the category's matters. */
export default function CategoryGrid({ categories }: { categories: CategoryWithCount[] }) {
  return (
    <View className='category-grid'>
      {categories.map((c) => (
        <Tap key={c.code} className='category-grid__item' onClick={() => openCategory(c.code)}>
          <View className='category-grid__icon'>{c.icon}</View>
          <View className='category-grid__name'>{c.name}</View>
          <View className='category-grid__count'>{c.count}项</View>
        </Tap>
      ))}
    </View>
  );
}

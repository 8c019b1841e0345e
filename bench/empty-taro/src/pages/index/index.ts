import { createElement } from 'react';
import { View } from '@tarojs/components';

/** The one page: a single View, the element the benchmark waits for. */
export default function Index() {
  return createElement(View, { className: 'empty-page' }, '空白页');
}

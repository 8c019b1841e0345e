import { View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { useElderMode } from '../../lib/elder';

/** The root of every page: carries the 长辈模式 class so the whole page switches at once. */
export default function PageShell({ children }: PropsWithChildren) {
  const [elder] = useElderMode();
  return <View className={elder ? 'page elder' : 'page'}>{children}</View>;
}

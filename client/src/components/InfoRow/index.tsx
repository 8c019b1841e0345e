import { View } from '@tarojs/components';
import type { ReactNode } from 'react';

/** A label / value row inside a .cells block. */
export default function InfoRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className='cell info-row'>
      <View className='cell__body'>
        <View className='cell__desc'>{label}</View>
        <View className='cell__title'>{children}</View>
      </View>
    </View>
  );
}

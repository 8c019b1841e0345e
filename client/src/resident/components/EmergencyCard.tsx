import { View } from '@tarojs/components';
import type { ReportCategory } from '@qgt/shared/domain/community';
import { callPhone } from '../../lib/place';
import Tap from '../../components/Tap';

/**
 * The emergency action of an urgent report category (燃气), shown before anything else on the
 * report form: what to do now and whom to call, as the deployment configures them. The report
 * itself comes after safety.
 */
export default function EmergencyCard({ category }: { category: ReportCategory }) {
  const steps = category.emergency?.steps ?? [];
  const calls = category.emergency?.calls ?? [];
  return (
    <View className='emergency'>
      <View className='emergency__title'>⚠️ {category.name}属紧急情况，请先确保安全</View>
      {steps.length ? (
        <View className='emergency__steps'>
          {steps.map((s, i) => (
            <View key={s} className='emergency__step'>
              {i + 1}. {s}
            </View>
          ))}
        </View>
      ) : null}
      {calls.map((c) => (
        <Tap key={c.phone} className='btn emergency__call' onClick={() => callPhone(c.phone)}>
          拨打{c.name} {c.phone}
        </Tap>
      ))}
      <View className='emergency__after'>安全后再继续填写下面的信息，工作人员和相关部门会立即收到。</View>
    </View>
  );
}

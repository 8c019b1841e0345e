import { View } from '@tarojs/components';
import { callerLabel } from '../../lib/caller';
import { backOrHome } from '../../lib/nav';
import PageShell from '../PageShell';
import './index.scss';

interface Props {
  title: string;
  /** What this area will hold, said plainly. */
  upcoming: string;
}

/** The entry page of a staff subpackage: who is calling, what is coming, a way back. */
export default function StaffHome({ title, upcoming }: Props) {
  return (
    <PageShell>
      <View className='staff'>
        <View className='staff__title'>{title}</View>
        <View className='cells'>
          <View className='cell'>
            <View className='cell__body'>
              <View className='cell__desc'>当前身份</View>
              <View className='cell__title'>{callerLabel()}</View>
            </View>
          </View>
        </View>
        <View className='staff__text'>{upcoming}</View>
        <View className='staff__text'>身份和权限以服务端登记为准；没有权限的操作会被拒绝。</View>
        <View className='btn btn--plain staff__back' onClick={backOrHome}>
          返回办事指南
        </View>
      </View>
    </PageShell>
  );
}

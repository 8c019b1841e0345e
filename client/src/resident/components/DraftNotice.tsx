import { View } from '@tarojs/components';
import { confirmDialog } from '../../lib/dialog';
import Tap from '../../components/Tap';
import './resident.scss';

/** "This form is saved on the phone", with 清空草稿 (asked first: it cannot be undone). */
export default function DraftNotice({ onDiscard }: { onDiscard: () => void }) {
  const discard = async () => {
    if (await confirmDialog({ title: '清空草稿？', content: '已填写的内容将被清空。', confirmText: '清空' })) onDiscard();
  };
  return (
    <View className='block muted draft-notice'>
      已自动保存草稿，关闭后再打开仍可继续填写。
      <Tap className='link draft-notice__discard' onClick={() => void discard()}>
        清空草稿
      </Tap>
    </View>
  );
}

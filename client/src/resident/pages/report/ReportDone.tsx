import { View } from '@tarojs/components';
import type { RequestView } from '@qgt/shared/requests/views';
import { goHome } from '../../../lib/nav';
import { dueLabel } from '../../../lib/time';
import Tap from '../../../components/Tap';
import '../../components/resident.scss';

interface Props {
  kind: 'filed' | 'followed';
  request: RequestView;
  onOpen: () => void;
  onAnother: () => void;
}

/** After a report: who has it and by when, or that the resident now follows an existing one. */
export default function ReportDone({ kind, request, onOpen, onAnother }: Props) {
  return (
    <View className='done report-done'>
      <View className='done__icon'>✓</View>
      <View className='done__title'>{kind === 'filed' ? '提交成功' : '已关注该问题'}</View>
      <View className='done__text'>
        {kind === 'filed'
          ? `已派给 ${request.assignee.name} 办理，将于 ${dueLabel(request.dueAt)}答复。`
          : '该问题已有工作人员在处理，进展会在“我的诉求”中同步给您。'}
      </View>
      <Tap className='btn btn--primary done__open' onClick={onOpen}>
        查看诉求详情
      </Tap>
      <Tap className='btn btn--plain done__another' onClick={onAnother}>
        再拍一个
      </Tap>
      <Tap className='btn btn--plain done__home' onClick={() => goHome()}>
        返回首页
      </Tap>
    </View>
  );
}

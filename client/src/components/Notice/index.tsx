import { Text, View } from '@tarojs/components';
import Tap from '../Tap';
import './index.scss';

interface Props {
  text: string;
  tone?: 'info' | 'warn' | 'error';
  actionText?: string;
  onAction?: () => void;
}

/** A visible one-line message with an optional action (重试, 知道了…). */
export default function Notice({ text, tone = 'info', actionText, onAction }: Props) {
  return (
    <View className={`notice notice--${tone}`}>
      <Text className='notice__text'>{text}</Text>
      {actionText && onAction ? (
        <Tap className='notice__action' onClick={onAction}>
          {actionText}
        </Tap>
      ) : null}
    </View>
  );
}

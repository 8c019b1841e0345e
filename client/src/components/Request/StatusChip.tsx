import { View } from '@tarojs/components';
import { STATUS_TONES, statusLabel } from '../../lib/requestLabels';
import type { RequestStatus } from '@qgt/shared/domain/requestState';
import './index.scss';

/** The request's status as a coloured chip. */
export default function StatusChip({ status }: { status: RequestStatus }) {
  return <View className={`chip chip--${STATUS_TONES[status] ?? 'off'} status-chip status-chip--${status}`}>{statusLabel(status)}</View>;
}

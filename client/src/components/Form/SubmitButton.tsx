import Tap from '../Tap';
import './index.scss';

interface Props {
  text: string;
  busyText?: string;
  busy?: boolean;
  disabled?: boolean;
  tone?: 'primary' | 'plain' | 'warn';
  onClick: () => void;
  /** Class modifier for tests: `submit--report`. */
  name: string;
}

/** A button that cannot be tapped while its action runs (or while the form is incomplete). */
export default function SubmitButton({ text, busyText, busy, disabled, tone = 'primary', onClick, name }: Props) {
  const off = busy || disabled;
  const cls = `btn btn--${tone} submit submit--${name}${off ? ' btn--disabled' : ''}`;
  return (
    <Tap className={cls} disabled={off} onClick={onClick}>
      {busy ? busyText ?? '正在提交…' : text}
    </Tap>
  );
}

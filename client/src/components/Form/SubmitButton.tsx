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
  /** The screen reader's name when `text` alone is ambiguous (one 撤销 per row: say which). */
  label?: string;
}

/** A button that cannot be tapped while its action runs (or while the form is incomplete). */
export default function SubmitButton({ text, busyText, busy, disabled, tone = 'primary', onClick, name, label }: Props) {
  const off = busy || disabled;
  const cls = `btn btn--${tone} submit submit--${name}${off ? ' btn--disabled' : ''}`;
  return (
    <Tap className={cls} disabled={off} onClick={onClick} label={label}>
      {busy ? busyText ?? '正在提交…' : text}
    </Tap>
  );
}

import { Input, Text, Textarea, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { a11yProps } from '../../lib/a11y';
import './index.scss';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  maxlength?: number;
  multiline?: boolean;
  required?: boolean;
  type?: 'text' | 'number';
  /** Stable hook for tests and e2e: the field's class modifier, e.g. `description`. */
  name: string;
  /** What is wrong with the value (the server's or the form's own check), shown under it. */
  error?: string;
  children?: ReactNode;
}

/** A labelled input or textarea in a white cell; counts characters when multiline. */
export default function Field({ label, value, onChange, placeholder, maxlength = 200, multiline, required, type = 'text', name, error, children }: Props) {
  // The field is read by its label (not its placeholder): H5 puts it on the inner native control,
  // WeChat reads aria-label on input/textarea.
  const named = { 'aria-label': label, 'aria-required': required ? 'true' : 'false', 'aria-invalid': error ? 'true' : 'false' };
  const a11y = process.env.TARO_ENV === 'h5' ? { nativeProps: named } : { 'aria-label': label };
  return (
    <View className={`field field--${name}${error ? ' field--invalid' : ''}`}>
      <View className='field__label'>
        {label}
        {required ? <Text className='field__required'>*</Text> : null}
      </View>
      {multiline ? (
        <Textarea
          className={`field__textarea field__textarea--${name}`}
          value={value}
          maxlength={maxlength}
          placeholder={placeholder}
          placeholderClass='field__placeholder'
          autoHeight
          {...a11y}
          onInput={(e) => onChange(e.detail.value)}
        />
      ) : (
        <Input
          className={`field__input field__input--${name}`}
          type={type}
          value={value}
          maxlength={maxlength}
          placeholder={placeholder}
          placeholderClass='field__placeholder'
          {...a11y}
          onInput={(e) => onChange(e.detail.value)}
        />
      )}
      {multiline ? (
        <View className='field__count'>
          {value.length}/{maxlength}
        </View>
      ) : null}
      {error ? (
        <View className='field__error' {...a11yProps({ live: 'assertive' })}>
          {error}
        </View>
      ) : null}
      {children}
    </View>
  );
}

import { Input, Text, Textarea, View } from '@tarojs/components';
import type { ReactNode } from 'react';
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
  children?: ReactNode;
}

/** A labelled input or textarea in a white cell; counts characters when multiline. */
export default function Field({ label, value, onChange, placeholder, maxlength = 200, multiline, required, type = 'text', name, children }: Props) {
  return (
    <View className={`field field--${name}`}>
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
          onInput={(e) => onChange(e.detail.value)}
        />
      )}
      {multiline ? (
        <View className='field__count'>
          {value.length}/{maxlength}
        </View>
      ) : null}
      {children}
    </View>
  );
}

import { View } from '@tarojs/components';
import { useState } from 'react';
import Field from '../../components/Form/Field';
import SubmitButton from '../../components/Form/SubmitButton';
import PhotoPicker from '../../components/Photos/PhotoPicker';
import type { DraftPhoto } from '../../lib/draft';
import FormError from '../../components/Form/FormError';
import { useSubmitFailure } from '../../lib/useSubmit';
import Tap from '../../components/Tap';
import SectionTitle from '../../components/SectionTitle';

interface Props {
  name: string;
  title: string;
  label: string;
  placeholder: string;
  submitText: string;
  busy: boolean;
  withPhotos?: boolean;
  maxlength?: number;
  onSubmit: (text: string, photos: string[]) => void;
  onClose: () => void;
}

/** A one-text action (办结 with photos, 内部备注, 部门答复) opened under the request. */
export default function TextActionForm({ name, title, label, placeholder, submitText, busy, withPhotos, maxlength = 500, onSubmit, onClose }: Props) {
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<DraftPhoto[]>([]);
  const [uploading, setUploading] = useState(false);
  const failed = useSubmitFailure();
  return (
    <View className={`action-form action-form--${name}`}>
      <SectionTitle>{title}</SectionTitle>
      <View className='cells'>
        <Field
          name={name}
          label={label}
          required
          multiline
          maxlength={maxlength}
          placeholder={placeholder}
          value={text}
          onChange={(v) => {
            setText(v);
            failed.clear();
          }}
        />
      </View>
      {withPhotos ? (
        <PhotoPicker
          photos={photos}
          disabled={busy}
          onBusy={setUploading}
          onAdd={(p) => setPhotos((list) => [...list, p].slice(0, 9))}
          onRemove={(id) => setPhotos((list) => list.filter((p) => p.fileId !== id))}
        />
      ) : null}
      <FormError failure={failed.failure} />
      <View className='form-actions'>
        <SubmitButton
          name={name}
          text={uploading ? '图片上传中…' : submitText}
          busy={busy}
          disabled={uploading}
          onClick={() =>
            text.trim()
              ? onSubmit(
                  text.trim(),
                  photos.map((p) => p.fileId),
                )
              : failed.say(`请填写${label}`)
          }
        />
        <Tap className='btn btn--plain action-form__close' onClick={busy ? undefined : onClose}>
          收起
        </Tap>
      </View>
    </View>
  );
}

import { Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import type { FieldIssue } from '@qgt/shared/errors';
import { INLINE_INPUT_LIMIT } from '@qgt/shared/limits';
import { callFunction } from '../../../api/call';
import { uploadLargeInput } from '../../../api/upload';
import { isApiError } from '../../../api/errors';
import SubmitButton from '../../../components/Form/SubmitButton';
import { Loaded, StaffPage } from '../../../components/Page';
import { useRemote } from '../../../lib/useRemote';
import { useSubmit, useSubmitFailure } from '../../../lib/useSubmit';
import { showToast } from '../../../lib/toast';
import '../../../components/Form/index.scss';
import '../../components/admin.scss';
import FormError from '../../../components/Form/FormError';
import SectionTitle from '../../../components/SectionTitle';

type ImportInput = Parameters<typeof callFunction<'admin', 'grids.import'>>[2];

/** H5: read a .geojson/.json file into the text box. */
function FilePick({ onText }: { onText: (t: string) => void }) {
  if (process.env.TARO_ENV !== 'h5') return null;
  return (
    <View className='block grids__file'>
      <input
        type='file'
        aria-label='选择 GeoJSON 文件'
        accept='.json,.geojson,application/json'
        onChange={(e) => {
          const f = (e.target as HTMLInputElement).files?.[0];
          if (f) void f.text().then(onText);
        }}
      />
    </View>
  );
}

function ImportForm({ onDone }: { onDone: () => void }) {
  const [text, setText] = useState('');
  const failed = useSubmitFailure();
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const { busy, run } = useSubmit();
  const submit = () =>
    run(async () => {
      failed.clear();
      setIssues([]);
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return failed.say('不是有效的 JSON，请检查后重新粘贴');
      }
      try {
        // Past CloudBase's 100 KB call payload the file goes through storage (as catalog.publish).
        const fileId = await uploadLargeInput('grids', parsed, INLINE_INPUT_LIMIT);
        const r = await callFunction('admin', 'grids.import', fileId ? { type: 'FeatureCollection', fileId } : (parsed as ImportInput));
        void showToast({ title: `已导入${r.imported}个网格`, icon: 'success' });
        setText('');
        onDone();
      } catch (e) {
        failed.set(e, () => void submit());
        if (isApiError(e)) setIssues(e.issues ?? (e.field ? [{ field: e.field, message: e.message }] : []));
      }
    });
  return (
    <View>
      <SectionTitle>粘贴 GeoJSON（FeatureCollection，Polygon，属性 code、name、community、worker、backup）</SectionTitle>
      <FilePick onText={setText} />
      <View className='cells'>
        <Textarea className='field__textarea field__textarea--geojson grids__text' value={text} maxlength={-1} placeholder='{"type":"FeatureCollection","features":[…]}' {...(process.env.TARO_ENV === 'h5' ? { nativeProps: { 'aria-label': '网格边界 GeoJSON' } } : { 'aria-label': '网格边界 GeoJSON' })} onInput={(e) => setText(e.detail.value)} />
      </View>
      <FormError failure={failed.failure} onRetry={failed.retry} />
      {issues.length ? (
        <View className='cells grids__issues'>
          {issues.map((i) => (
            <View key={`${i.field}:${i.message}`} className='cell'>
              <View className='cell__body'>
                <View className='grids__issue-field'>{i.field}</View>
                <View className='cell__desc'>{i.message}</View>
              </View>
            </View>
          ))}
        </View>
      ) : null}
      <View className='form-actions'>
        <SubmitButton name='grids-import' text='导入网格' disabled={!text.trim()} busy={busy} onClick={() => void submit()} />
      </View>
    </View>
  );
}

/** 网格导入: GeoJSON → admin.grids.import; the current grids below. */
export default function GridsPage() {
  const grids = useRemote(() => callFunction('admin', 'grids.list', {}), []);
  return (
    <StaffPage title='网格导入' roles={['admin']}>
      {() => (
        <View>
          <ImportForm onDone={() => void grids.reload()} />
          <SectionTitle>现有网格</SectionTitle>
          <Loaded state={grids.state} onRetry={() => void grids.reload()} empty={(d) => !d.items.length && '还没有网格'}>
            {(d) => (
              <View className='cells'>
                {d.items.map((g) => (
                  <View key={g.code} className='cell'>
                    <View className='cell__body'>
                      <View>
                        {g.name}
                      </View>
                      <View className='cell__desc'>
                        网格员 {g.workerName ?? '未登记'}
                        {g.backup ? ` · B角 ${g.backupName ?? '未登记'}` : ''}
                      </View>
                    </View>
                  </View>
                ))}
              </View>
            )}
          </Loaded>
        </View>
      )}
    </StaffPage>
  );
}

import { Image, View } from '@tarojs/components';
import { imageAlt } from '../../../lib/a11y';
import { useState } from 'react';
import { callFunction } from '../../../api/call';
import Choices from '../../../components/Form/Choices';
import Field from '../../../components/Form/Field';
import SubmitButton from '../../../components/Form/SubmitButton';
import { Loaded, StaffPage } from '../../../components/Page';
import { useRemote } from '../../../lib/useRemote';
import { useSave } from '../../../lib/useSubmit';
import Tap from '../../../components/Tap';
import '../../components/admin.scss';
import FormError from '../../../components/Form/FormError';
import SectionTitle from '../../../components/SectionTitle';

const KINDS = [
  { value: 'window', label: '综合窗口' },
  { value: 'point', label: '小区受理点' },
];
const H5 = process.env.TARO_ENV === 'h5';

function StationForm({ onDone }: { onDone: () => void }) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'window' | 'point'>('point');
  const [address, setAddress] = useState('');
  const { busy, failure, retry, save } = useSave();
  const submit = () =>
    save(
      () => callFunction('admin', 'stations.upsert', { code: code.trim(), name: name.trim(), kind, ...(address.trim() && { address: address.trim() }) }),
      () => {
        setCode('');
        setName('');
        setAddress('');
        onDone();
      },
    );
  return (
    <View>
      <SectionTitle>新增或修改站点（编码相同即修改）</SectionTitle>
      <View className='cells'>
        <Field name='station-code' label='编码' required maxlength={30} placeholder='如 jx-east-gate' value={code} onChange={setCode} />
        <Field name='station-name' label='名称' required maxlength={30} value={name} onChange={setName} />
        <Field name='station-address' label='地址' maxlength={80} value={address} onChange={setAddress} />
      </View>
      <Choices name='station-kind' options={KINDS} value={kind} onChange={(v) => setKind(v as 'window' | 'point')} />
      <FormError failure={failure} onRetry={retry} />
      <View className='form-actions'>
        <SubmitButton name='station' text='保存站点' disabled={!code.trim() || !name.trim()} busy={busy} onClick={() => void submit()} />
      </View>
    </View>
  );
}

/** 站点与二维码: stations of the community, each with its QR; H5 links the printable poster sheet. */
export default function StationsPage() {
  const list = useRemote(() => callFunction('admin', 'stations.list', {}), []);
  const base = process.env.TARO_APP_API_BASE;
  return (
    <StaffPage title='站点与二维码' roles={['admin']}>
      {() => (
        <View>
          {H5 ? (
            <View className='admin-links'>
              <Tap className='btn btn--primary stations__posters' onClick={() => window.open(`${base}/qr/posters`, '_blank')}>
                打印海报（A4）
              </Tap>
            </View>
          ) : (
            <View className='block muted'>站点码为小程序码，居民扫码即进入办事指南；打印海报请在电脑端打开管理后台。</View>
          )}
          <Loaded state={list.state} onRetry={() => void list.reload()} empty={(d) => !d.items.length && '还没有站点'}>
            {(d) => (
              <View className='cells'>
                {d.items.map((s) => (
                  <View key={s.code} className='cell station'>
                    <View className='cell__body'>
                      <View>
                        {s.name} · {s.kind === 'window' ? '综合窗口' : '小区受理点'}
                      </View>
                      <View className='cell__desc'>
                        {s.address || '未填地址'}
                        {s.hours ? ` · ${s.hours}` : ''}
                      </View>
                    </View>
                    {H5 ? <Image {...imageAlt(`${s.name} 的二维码`)} className='station__qr' src={`${base}${s.qr}`} style={{ width: '120px', height: '120px' }} /> : null}
                  </View>
                ))}
              </View>
            )}
          </Loaded>
          <StationForm onDone={() => void list.reload()} />
        </View>
      )}
    </StaffPage>
  );
}

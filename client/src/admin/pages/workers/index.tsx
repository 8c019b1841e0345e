import { View } from '@tarojs/components';
import { useState } from 'react';
import type { WorkerView } from '@qgt/shared/admin/views';
import { callFunction } from '../../../api/call';
import Choices from '../../../components/Form/Choices';
import Field from '../../../components/Form/Field';
import SubmitButton from '../../../components/Form/SubmitButton';
import { Loaded, StaffPage } from '../../../components/Page';
import { useRemote } from '../../../lib/useRemote';
import { useSave } from '../../../lib/useSubmit';
import { useCatalog } from '../../../catalog/useCatalog';
import MultiPicker from '../../components/MultiPicker';
import Tap from '../../../components/Tap';
import '../../components/admin.scss';
import FormError from '../../../components/Form/FormError';
import { useWideScreen } from '../../../lib/useWideScreen';
import { useTableView } from '../../../lib/useTableView';
import DataTable, { type TableColumn } from '../../components/DataTable';
import SectionTitle from '../../../components/SectionTitle';

/** Edit one worker: level, skills (B), leave, B角, phone. Everything else is sent back unchanged. */
function WorkerForm({ w, all, onDone }: { w: WorkerView; all: WorkerView[]; onDone: () => void }) {
  const [level, setLevel] = useState(w.level);
  const [skills, setSkills] = useState<string[]>(w.skills);
  const { state: catalog } = useCatalog();
  const matterChoices = catalog.status === 'ready' ? catalog.data.catalog.matters.map((m) => ({ value: m.code, label: m.title })) : [];
  const [onLeave, setOnLeave] = useState(w.onLeave ? 'leave' : 'work');
  const [backup, setBackup] = useState(w.backup ?? '');
  const [phone, setPhone] = useState(w.phone ?? '');
  const { busy, failure, retry, save } = useSave();
  const submit = () =>
    save(
      () =>
        callFunction('admin', 'workers.upsert', {
          openid: w.openid,
          name: w.name,
          level,
          skills,
          onLeave: onLeave === 'leave',
          leave: w.leave,
          grids: w.grids,
          capacity: w.capacity,
          community: w.community,
          backup: backup || null,
          ...(phone.trim() && { phone: phone.trim() }),
        }),
      onDone,
    );
  return (
    <View className='worker-form'>
      <SectionTitle>等级（A 全岗；B 只办技能内事项）</SectionTitle>
      <Choices name='level' options={[{ value: 'A', label: 'A 全岗' }, { value: 'B', label: 'B 专项' }]} value={level} onChange={(v) => setLevel(v as 'A' | 'B')} />
      <View className='cells'>
        <Field name='phone' label='电话' maxlength={13} value={phone} onChange={setPhone} />
      </View>
      <SectionTitle>技能（B 级只办这些事项）</SectionTitle>
      <MultiPicker name='skills' options={matterChoices} value={skills} onChange={setSkills} />
      <SectionTitle>状态</SectionTitle>
      <Choices name='leave' options={[{ value: 'work', label: '在岗' }, { value: 'leave', label: '请假' }]} value={onLeave} onChange={setOnLeave} />
      <SectionTitle>B角（请假时顶岗）</SectionTitle>
      <Choices
        name='backup'
        options={[{ value: '', label: '无' }, ...all.filter((o) => o.openid !== w.openid).map((o) => ({ value: o.openid, label: o.name }))]}
        value={backup}
        onChange={setBackup}
      />
      <FormError failure={failure} onRetry={retry} />
      <View className='form-actions'>
        <SubmitButton name='worker' text='保存' busy={busy} onClick={() => void submit()} />
      </View>
    </View>
  );
}

/** The PC table's columns; `all` names each B角. */
function workerColumns(all: WorkerView[]): TableColumn<WorkerView>[] {
  return [
    { key: 'name', label: '姓名', text: (w) => w.name },
    { key: 'level', label: '等级', text: (w) => `${w.level}级` },
    { key: 'state', label: '状态', text: (w) => (w.onLeave ? '请假中' : '在岗') },
    { key: 'grids', label: '网格', text: gridsText },
    { key: 'open', label: '在办', text: (w) => String(w.open ?? 0), sortValue: (w) => w.open ?? 0 },
    { key: 'backup', label: 'B角', text: (w) => (w.backup ? all.find((o) => o.openid === w.backup)?.name ?? w.backup : '') },
    { key: 'phone', label: '电话', text: (w) => w.phone ?? '' },
  ];
}

/** Grid names (a server without names still shows its codes). */
const gridsText = (w: WorkerView) => (w.gridNames ?? w.grids).join('、') || '无';

/** 网格员管理: list, then edit one (at PC width a sortable table, the form above it). */
export default function WorkersPage() {
  const list = useRemote(() => callFunction('admin', 'workers.list', {}), []);
  const [editing, setEditing] = useState('');
  const wide = useWideScreen();
  const tableView = useTableView('workers');
  return (
    <StaffPage title='网格员管理' roles={['admin']}>
      {() =>
        <Loaded state={list.state} onRetry={() => void list.reload()} empty={(d) => !d.items.length && '还没有网格员'}>
          {(d) => {
            const done = () => {
              setEditing('');
              void list.reload();
            };
            const current = d.items.find((w) => w.openid === editing);
            if (wide)
              return (
                <View>
                  {current ? (
                    <View className='followup worker-row worker-row--editing'>
                      <View className='followup__title'>编辑 {current.name}</View>
                      <WorkerForm key={current.openid} w={current} all={d.items} onDone={done} />
                    </View>
                  ) : null}
                  <DataTable name='workers' view={tableView} rows={d.items} columns={workerColumns(d.items)} rowKey={(w) => w.openid} onOpen={(w) => setEditing(editing === w.openid ? '' : w.openid)} />
                </View>
              );
            return (
              <View>
                {d.items.map((w) => (
                  <View key={w.openid} className='followup worker-row'>
                    <Tap className='followup__title' onClick={() => setEditing(editing === w.openid ? '' : w.openid)}>
                      {w.name} · {w.level}级{w.onLeave ? ' · 请假中' : ''}
                    </Tap>
                    <View className='followup__meta'>
                      网格 {gridsText(w)} · 在办 {w.open ?? 0}
                      {w.backup ? ` · B角 ${d.items.find((o) => o.openid === w.backup)?.name ?? w.backup}` : ''}
                    </View>
                    {editing === w.openid ? (
                      <WorkerForm w={w} all={d.items} onDone={done} />
                    ) : null}
                  </View>
                ))}
              </View>
            );
          }}
        </Loaded>
      }
    </StaffPage>
  );
}

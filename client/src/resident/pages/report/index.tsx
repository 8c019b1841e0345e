import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LatLng } from '@qgt/shared/domain/community';
import type { BuildingView, DuplicateView, RequestView } from '@qgt/shared/requests/api';
import { callFunction } from '../../../api/call';
import { errorMessage } from '../../../api/errors';
import { useCatalog } from '../../../catalog/useCatalog';
import Choices from '../../../components/Form/Choices';
import Field from '../../../components/Form/Field';
import SubmitButton from '../../../components/Form/SubmitButton';
import LoadState from '../../../components/LoadState';
import PageShell from '../../../components/PageShell';
import PhotoPicker from '../../../components/Photos/PhotoPicker';
import { clearDraft, draftHasContent, loadDraft, newDraft, saveDraft, type ReportDraft } from '../../../lib/draft';
import { locate } from '../../../lib/location';
import { DETAIL_PAGE, replacePage } from '../../../lib/nav';
import { askSubscribe } from '../../../lib/subscribe';
import { useRemote } from '../../../lib/useRemote';
import { useSubmit } from '../../../lib/useSubmit';
import DuplicatePanel from '../../components/DuplicatePanel';
import PlacePicker, { type LocateState } from '../../components/PlacePicker';
import ReportDone from './ReportDone';

type Outcome = { kind: 'filed' | 'followed'; request: RequestView };

/**
 * 随手拍: photos, place, category and a description. The draft lives in storage until the server
 * accepts it; its idempotency key makes a double tap or a retry file once. Before filing, nearby
 * reports of the same category are offered ("同一问题？").
 */
export default function ReportPage() {
  const [draft, setDraft] = useState<ReportDraft>(loadDraft);
  const [locating, setLocating] = useState<LocateState>({ status: 'idle' });
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState('');
  const [candidates, setCandidates] = useState<DuplicateView[] | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const { busy, run } = useSubmit();
  const { state: catalog } = useCatalog();
  const options = useRemote(() => callFunction('requests', 'options', {}), []);
  const located = useRef(false);

  const update = useCallback((patch: Partial<ReportDraft> | ((d: ReportDraft) => Partial<ReportDraft>)) => {
    setDraft((d) => ({ ...d, ...(typeof patch === 'function' ? patch(d) : patch) }));
    setCandidates(null);
    setError('');
  }, []);

  useEffect(() => {
    if (!outcome) saveDraft(draft);
  }, [draft, outcome]);

  const findMe = useCallback(async () => {
    setLocating({ status: 'locating' });
    try {
      const location = await locate();
      update({ location, buildingCode: undefined, buildingName: undefined });
      setLocating({ status: 'idle' });
    } catch (e) {
      setLocating({ status: 'failed', message: e instanceof Error ? e.message : '定位失败，请选择所在楼栋' });
    }
  }, [update]);

  // A new draft without a place: try the position once.
  useEffect(() => {
    if (located.current || draft.location || draft.buildingCode) return;
    located.current = true;
    void findMe();
  }, [draft.location, draft.buildingCode, findMe]);

  const categories = useMemo(() => {
    const fromServer = options.state.status === 'ready' ? options.state.data.reportCategories : [];
    if (fromServer.length) return fromServer.map((c) => ({ value: c.code, label: `${c.icon ?? ''}${c.name}` }));
    return catalog.status === 'ready' ? catalog.data.catalog.categories.map((c) => ({ value: c.code, label: `${c.icon}${c.name}` })) : [];
  }, [options.state, catalog]);
  const buildings: BuildingView[] = options.state.status === 'ready' ? options.state.data.buildings : [];
  const point: LatLng | undefined = draft.location ?? buildings.find((b) => b.code === draft.buildingCode)?.point;

  const missing = !draft.category ? '请选择问题分类' : !draft.description.trim() ? '请描述遇到的问题' : '';

  const file = () =>
    run(async () => {
      setError('');
      try {
        const request = await callFunction('requests', 'create', {
          kind: 'report',
          category: draft.category,
          description: draft.description.trim(),
          ...(draft.location && { location: draft.location }),
          ...(draft.buildingCode && { buildingCode: draft.buildingCode }),
          photos: draft.photos.map((p) => p.fileId),
          idempotencyKey: draft.key,
        });
        clearDraft();
        setOutcome({ kind: 'filed', request });
      } catch (e) {
        setError(errorMessage(e));
      }
    });

  const submit = async () => {
    if (busy || uploading) return;
    if (missing) {
      setError(missing);
      return;
    }
    // Asked within the tap, as WeChat requires; skipped without template ids.
    void askSubscribe('status');
    if (candidates === null && point && draft.category) {
      const found = await run(async () => {
        try {
          return (await callFunction('requests', 'duplicates', { category: draft.category!, location: point })).candidates;
        } catch {
          return []; // the check is a courtesy: never block a report on it
        }
      });
      if (found === undefined) return; // a submit is already running
      if (found.length) {
        setCandidates(found);
        return;
      }
    }
    await file();
  };

  const follow = (id: string) =>
    run(async () => {
      setError('');
      try {
        const request = await callFunction('requests', 'follow', { id });
        clearDraft();
        setOutcome({ kind: 'followed', request });
      } catch (e) {
        setError(errorMessage(e));
      }
    });

  if (outcome) {
    return (
      <PageShell>
        <ReportDone
          kind={outcome.kind}
          request={outcome.request}
          onOpen={() => replacePage(DETAIL_PAGE, { id: outcome.request.id })}
          onAnother={() => {
            setDraft(newDraft());
            setCandidates(null);
            setOutcome(null);
            located.current = false;
          }}
        />
      </PageShell>
    );
  }

  if (options.state.status === 'error') {
    return (
      <PageShell>
        <LoadState error={options.state.message} onRetry={() => void options.reload()} />
      </PageShell>
    );
  }
  if (options.state.status === 'loading') {
    return (
      <PageShell>
        <LoadState loading='正在准备随手拍…' />
      </PageShell>
    );
  }

  const locked = busy;
  return (
    <PageShell>
      <View className='report'>
        {draftHasContent(draft) ? (
          <View className='block muted report__draft'>
            已自动保存草稿，关闭后再打开仍可继续填写。
            <View
              className='link report__discard'
              onClick={() =>
                void Taro.showModal({ title: '清空草稿？', content: '已填写的内容和图片将被清空。' }).then((r) => {
                  if (r.confirm) {
                    clearDraft();
                    setDraft(newDraft());
                    setCandidates(null);
                  }
                })
              }
            >
              清空草稿
            </View>
          </View>
        ) : null}
        <View className='section-title'>现场照片（选填）</View>
        <PhotoPicker
          photos={draft.photos}
          disabled={locked}
          onBusy={setUploading}
          onAdd={(p) => update((d) => ({ photos: [...d.photos, p].slice(0, 9) }))}
          onRemove={(id) => update((d) => ({ photos: d.photos.filter((p) => p.fileId !== id) }))}
        />
        <View className='section-title'>问题位置</View>
        <View className='cells'>
          <PlacePicker
            place={draft}
            buildings={buildings}
            locate={locating}
            disabled={locked}
            onLocate={() => void findMe()}
            onBuilding={(b) => update({ buildingCode: b.code, buildingName: b.name, location: undefined })}
          />
        </View>
        <View className='section-title'>问题分类</View>
        {categories.length ? (
          <Choices name='category' options={categories} value={draft.category} onChange={(category) => update({ category })} />
        ) : (
          <View className='block muted'>分类加载中…</View>
        )}
        <View className='section-title'>问题描述</View>
        <View className='cells'>
          <Field
            name='description'
            label='请描述问题和具体位置'
            required
            multiline
            maxlength={500}
            placeholder='如：3号楼东侧路灯不亮，晚上很黑'
            value={draft.description}
            onChange={(description) => update({ description })}
          />
        </View>
        {candidates?.length ? (
          <DuplicatePanel
            candidates={candidates}
            busy={busy}
            onFollow={(id) => void follow(id)}
            onOpenMine={(id) => replacePage(DETAIL_PAGE, { id })}
            onContinue={() => void file()}
          />
        ) : null}
        {error ? <View className='form-error'>{error}</View> : null}
        {candidates?.length ? null : (
          <View className='form-actions'>
            <SubmitButton
              name='report'
              text={uploading ? '图片上传中…' : '提交'}
              busyText='正在提交…'
              busy={busy}
              disabled={uploading}
              onClick={() => void submit()}
            />
            <View className='muted report__privacy'>照片会压缩并去除拍摄信息后上传；位置仅用于派给所在网格的网格员。</View>
          </View>
        )}
      </View>
    </PageShell>
  );
}

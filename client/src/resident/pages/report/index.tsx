import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LatLng } from '@qgt/shared/domain/community';
import type { BuildingView, DuplicateView } from '@qgt/shared/requests/api';
import type { RequestView } from '@qgt/shared/requests/views';
import { callFunction } from '../../../api/call';
import { fieldError, formFailure, isNoAnswer } from '../../../api/errors';
import { useCatalog } from '../../../catalog/useCatalog';
import Choices from '../../../components/Form/Choices';
import Field from '../../../components/Form/Field';
import FormError from '../../../components/Form/FormError';
import SubmitButton from '../../../components/Form/SubmitButton';
import Page from '../../../components/Page';
import PhotoPicker from '../../../components/Photos/PhotoPicker';
import { newReportDraft, persistReportDraft, reportHasContent, restoreReportDraft, type ReportDraft } from '../../../lib/draft';
import { SAFE_RETRY_HINT } from '../../../lib/idempotency';
import { locate } from '../../../lib/location';
import { optionsAt } from '../../../lib/optionsAt';
import { replacePage, useRouteQuery } from '../../../lib/nav';
import { askSubscribe } from '../../../lib/subscribe';
import { useDraft, type DraftSpec } from '../../../lib/useDraft';
import { useRemote } from '../../../lib/useRemote';
import { useSubmit, useSubmitFailure } from '../../../lib/useSubmit';
import DraftNotice from '../../components/DraftNotice';
import EmergencyCard from '../../components/EmergencyCard';
import DuplicatePanel from '../../components/DuplicatePanel';
import PlacePicker, { type LocateState } from '../../components/PlacePicker';
import ReportDone from './ReportDone';
import SectionTitle from '../../../components/SectionTitle';

type Outcome = { kind: 'filed' | 'followed'; request: RequestView };

const DRAFT: DraftSpec<ReportDraft> = { kind: 'report', fresh: newReportDraft, restore: restoreReportDraft, persist: persistReportDraft };
/** Fields that show their own error next to them. */
const INLINE_FIELDS = ['description'] as const;

/**
 * 随手拍: photos, place, category and a description. The draft lives in storage until the server
 * accepts it; its idempotency key makes a double tap or a retry file once. Before filing, nearby
 * reports of the same category are offered ("同一问题？").
 */
export default function ReportPage() {
  const stored = useDraft(DRAFT);
  const { draft } = stored;
  const [locating, setLocating] = useState<LocateState>({ status: 'idle' });
  const [uploading, setUploading] = useState(false);
  const [candidates, setCandidates] = useState<DuplicateView[] | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const { busy, run } = useSubmit();
  const failed = useSubmitFailure();
  const { state: catalog } = useCatalog();
  // The 街道 at the reported point decides the categories offered (a 区 environment holds several).
  const at = optionsAt(draft?.location);
  const options = useRemote(() => callFunction('requests', 'options', at.input), [at.key]);
  const located = useRef(false);
  const { category } = useRouteQuery('report');

  const update = useCallback(
    (patch: Partial<ReportDraft> | ((d: ReportDraft) => Partial<ReportDraft>)) => {
      stored.update(patch);
      setCandidates(null);
      failed.clear();
    },
    [stored.update, failed.clear],
  );

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

  // Opened from a search answer (路灯坏了 → 市政设施): the category is chosen already.
  useEffect(() => {
    if (draft && !draft.category && category) update({ category });
  }, [draft, category, update]);

  // A new draft without a place: try the position once.
  useEffect(() => {
    if (!draft || located.current || draft.location || draft.buildingCode) return;
    located.current = true;
    void findMe();
  }, [draft, findMe]);

  const categories = useMemo(() => {
    const fromServer = options.state.status === 'ready' ? options.state.data.reportCategories : [];
    if (fromServer.length) return fromServer.map((c) => ({ value: c.code, label: `${c.icon ?? ''}${c.name}`, ...(c.urgent && { desc: '紧急' }) }));
    return catalog.status === 'ready' ? catalog.data.catalog.categories.map((c) => ({ value: c.code, label: `${c.icon}${c.name}` })) : [];
  }, [options.state, catalog]);
  const buildings: BuildingView[] = options.state.status === 'ready' ? options.state.data.buildings : [];
  if (!draft || options.state.status !== 'ready') {
    const pending =
      stored.me.status === 'error'
        ? { state: stored.me, retry: stored.retryMe }
        : { state: options.state, retry: () => void options.reload() };
    return <Page pending={pending.state} onRetry={pending.retry} loading='正在准备随手拍…' />;
  }

  const urgent = options.state.data.reportCategories.find((c) => c.code === draft.category && c.urgent);
  const point: LatLng | undefined = draft.location ?? buildings.find((b) => b.code === draft.buildingCode)?.point;

  const missing = !draft.category
    ? { message: '请选择问题分类', retry: false, field: 'category' }
    : !draft.description.trim()
      ? { message: '请描述遇到的问题', retry: false, field: 'description' }
      : null;

  const file = () =>
    run(async () => {
      failed.clear();
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
        stored.reset();
        setOutcome({ kind: 'filed', request });
      } catch (e) {
        // 重试 files again with the same key, skipping the duplicate check: the lost attempt may have
        // landed, and the check would then offer the resident's own report as 同一问题？.
        failed.set(e, () => void file(), SAFE_RETRY_HINT);
      }
    });

  const submit = async () => {
    if (busy || uploading) return;
    if (missing) {
      failed.show(missing);
      return;
    }
    failed.clear();
    // Asked within the tap, as WeChat requires; skipped without template ids.
    void askSubscribe('status');
    if (candidates === null && (point || draft.buildingCode) && draft.category) {
      const found = await run(async () => {
        try {
          return (await callFunction('requests', 'duplicates', { category: draft.category!, ...(point && { location: point }), ...(draft.buildingCode && { buildingCode: draft.buildingCode }) })).candidates;
        } catch (e) {
          // No answer at all: filing would wait in vain too, so say so now (重试 asks again).
          if (isNoAnswer(e)) failed.set(e, () => void submit(), SAFE_RETRY_HINT);
          // Any other failure: the check is a courtesy, never block a report on it.
          return isNoAnswer(e) ? 'failed' : null;
        }
      });
      if (found === undefined || found === 'failed') return; // a submit already running, or no network
      if (found) setCandidates(found);
      if (found?.length) return;
    }
    await file();
  };

  const follow = (id: string) =>
    run(async () => {
      failed.clear();
      try {
        const request = await callFunction('requests', 'follow', { id });
        stored.reset();
        setOutcome({ kind: 'followed', request });
      } catch (e) {
        failed.set(e, () => void follow(id));
      }
    });

  if (outcome) {
    return (
      <Page>
        <ReportDone
          kind={outcome.kind}
          request={outcome.request}
          onOpen={() => replacePage('detail', { id: outcome.request.id })}
          onAnother={() => {
            stored.reset();
            setCandidates(null);
            setOutcome(null);
            located.current = false;
          }}
        />
      </Page>
    );
  }

  const locked = busy;
  return (
    <Page>
      <View className='report'>
        {reportHasContent(draft) ? (
          <DraftNotice
            onDiscard={() => {
              stored.reset();
              setCandidates(null);
              failed.clear();
            }}
          />
        ) : null}
        {urgent ? <EmergencyCard category={urgent} /> : null}
        <SectionTitle>现场照片（选填）</SectionTitle>
        <PhotoPicker
          photos={draft.photos}
          disabled={locked}
          onBusy={setUploading}
          onAdd={(p) => update((d) => ({ photos: [...d.photos, p].slice(0, 9) }))}
          onRemove={(id) => update((d) => ({ photos: d.photos.filter((p) => p.fileId !== id) }))}
        />
        <SectionTitle>问题位置</SectionTitle>
        <View className='cells'>
          <PlacePicker
            place={draft}
            buildings={buildings}
            communities={options.state.data.communities}
            locate={locating}
            disabled={locked}
            onLocate={() => void findMe()}
            onBuilding={(b) => update({ buildingCode: b.code, buildingName: b.name, location: undefined })}
          />
        </View>
        <SectionTitle>问题分类</SectionTitle>
        {categories.length ? (
          <Choices
            name='category'
            options={categories}
            value={draft.category}
            onChange={(category) => {
              update({ category });
              // An urgent category's emergency action heads the form: bring it into view.
              if (options.state.status === 'ready' && options.state.data.reportCategories.some((c) => c.code === category && c.urgent)) void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined);
            }}
          />
        ) : (
          <View className='block muted'>分类加载中…</View>
        )}
        <SectionTitle>问题描述</SectionTitle>
        <View className='cells'>
          <Field
            name='description'
            label='请描述问题和具体位置'
            required
            multiline
            maxlength={500}
            placeholder='如：3号楼东侧路灯不亮，晚上很黑'
            value={draft.description}
            error={fieldError(failed.failure, 'description')}
            onChange={(description) => update({ description })}
          />
        </View>
        {candidates?.length ? (
          <DuplicatePanel
            candidates={candidates}
            busy={busy}
            onFollow={(id) => void follow(id)}
            onOpenMine={(id) => replacePage('detail', { id })}
            onContinue={() => void file()}
          />
        ) : null}
        <FormError failure={formFailure(failed.failure, INLINE_FIELDS)} onRetry={failed.retry} />
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
    </Page>
  );
}

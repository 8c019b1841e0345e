import { View } from '@tarojs/components';
import { useDidHide } from '@tarojs/taro';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { RequestView } from '@qgt/shared/requests/views';
import type { SlotView } from '@qgt/shared/booking/api';
import type { LatLng } from '@qgt/shared/domain/community';
import { callFunction } from '../../../api/call';
import { errorMessage, isApiError } from '../../../api/errors';
import { useCatalog } from '../../../catalog/useCatalog';
import Choices from '../../../components/Form/Choices';
import Notice from '../../../components/Notice';
import Page, { Loaded } from '../../../components/Page';
import { SAFE_RETRY_HINT } from '../../../lib/idempotency';
import { locate } from '../../../lib/location';
import { optionsAt } from '../../../lib/optionsAt';
import { goHome, openPage, replacePage, useRouteQuery } from '../../../lib/nav';
import { askSubscribe } from '../../../lib/subscribe';
import { localDateAfter, slotLabel } from '../../../lib/time';
import { useDraft, type DraftSpec } from '../../../lib/useDraft';
import { useRemote } from '../../../lib/useRemote';
import { useSubmit, useSubmitFailure } from '../../../lib/useSubmit';
import DraftNotice from '../../components/DraftNotice';
import SlotPicker from '../../components/SlotPicker';
import Tap from '../../../components/Tap';
import '../../components/resident.scss';
import ConfirmStep, { contactProblem, visitDescription, type VisitForm } from './ConfirmStep';
import MatterStep from './MatterStep';
import { newVisitDraft, restoreVisitDraft, visitHasContent, type VisitDraft } from './visitDraft';
import SectionTitle from '../../../components/SectionTitle';

type Step = 'matter' | 'place' | 'slot' | 'confirm';
const ORDER: readonly Step[] = ['matter', 'place', 'slot', 'confirm'];
const isStep = (s: string): s is Step => (ORDER as readonly string[]).includes(s);
const STEPS: { step: Step; label: string }[] = [
  { step: 'matter', label: '选事项' },
  { step: 'place', label: '选楼栋' },
  { step: 'slot', label: '选时段' },
  { step: 'confirm', label: '确认' },
];
/** The place choice for an address not among the buildings. */
const OTHER_PLACE = '__other';
/** How far ahead residents may book. */
const BOOKING_DAYS = 14;

const NO_FORM: VisitForm = { address: '', phone: '', note: '' };

/**
 * 预约上门帮办: matter → building (the place decides who comes) → slot (booking.slots of the
 * worker responsible for that building, the B角 when they are away; next 14 days) → confirm →
 * requests.create (visit). Without a building in the list the resident gives an address later.
 * A slot taken meanwhile (409) says so and shows the fresh slots. Every step is kept in a draft
 * on the device until the booking is made. Each step is a page in the history (`step=` on the same
 * page, opened with navigateTo): back returns to the previous step, which re-reads the draft.
 */
export default function BookingPage() {
  const query = useRouteQuery('booking');
  const { state: catalog, retry: retryCatalog } = useCatalog();
  // 一件事一次办: one visit for all of a life event's matters, booked as 其他事项 naming them.
  const { event } = query;
  const eventNote = useMemo(() => {
    const e = catalog.status === 'ready' ? catalog.data.catalog.lifeEvents?.find((x) => x.code === event) : undefined;
    if (!e || catalog.status !== 'ready') return undefined;
    const titles = new Map(catalog.data.catalog.matters.map((m) => [m.code, m.title]));
    return `${e.title}：${e.matters.map((c) => titles.get(c) ?? c).join('、')}`;
  }, [catalog, event]);
  const preset = query.matter || undefined;
  const spec = useMemo<DraftSpec<VisitDraft>>(
    () => ({ kind: 'visit', fresh: () => newVisitDraft(preset), restore: (v) => restoreVisitDraft(v, preset) }),
    [preset],
  );
  const stored = useDraft(spec);
  const { draft, update } = stored;
  const matterCode = draft?.matterCode;
  const slot = draft?.slot ?? null;
  const form = draft?.form ?? NO_FORM;
  const failed = useSubmitFailure();
  const [slotNotice, setSlotNotice] = useState('');
  const [booked, setBooked] = useState<{ request: RequestView; matterTitle: string } | null>(null);
  const { busy, run } = useSubmit();
  // In a 区 environment (several 街道) the resident's position picks the 街道 whose buildings are offered.
  const [here, setHere] = useState<LatLng>();
  const at = optionsAt(here);
  const options = useRemote(() => callFunction('requests', 'options', at.input), [at.key]);
  const severalStreets = options.state.status === 'ready' && (options.state.data.subdistricts?.length ?? 0) > 1;
  const located = useRef(false);
  useEffect(() => {
    if (!severalStreets || located.current || draft?.form.buildingCode) return;
    located.current = true;
    // Without a position the caller's own 街道 stays (the server's default).
    locate().then(setHere, () => undefined);
  }, [severalStreets, draft?.form.buildingCode]);
  const buildings = options.state.status === 'ready' ? options.state.data.buildings : [];
  // The building is asked first unless there is none to choose from (or the list cannot load).
  const placeOpen = !draft?.placeChosen && options.state.status !== 'error' && !(options.state.status === 'ready' && !buildings.length);
  const reached: Step = matterCode === undefined ? 'matter' : placeOpen ? 'place' : slot ? 'confirm' : 'slot';
  // This page shows the step it was opened for (`step=`), or — opened without one — the step the
  // draft has reached until the next step's page covers it; never a step the draft has not reached.
  const opened = query.step ?? '';
  const [held, setHeld] = useState<Step | undefined>(isStep(opened) ? opened : undefined);
  const step: Step = held && ORDER.indexOf(held) < ORDER.indexOf(reached) ? held : reached;
  // A choice made here that moves the draft on opens the next step as a new page; this one keeps
  // the step it was left on (once it is really covered), so back returns to it.
  const advancing = useRef(false);
  const leftOn = useRef<Step>();
  useEffect(() => {
    // Compared with the step the choice was made on: a page without `step=` already follows the draft.
    const from = leftOn.current;
    if (!advancing.current || !from || ORDER.indexOf(reached) <= ORDER.indexOf(from)) return;
    advancing.current = false;
    stored.flush();
    openPage('booking', { matter: preset, event: event || undefined, step: reached });
  }, [reached, preset, event, stored.flush]);
  useDidHide(() => {
    if (leftOn.current && !held) setHeld(leftOn.current);
    leftOn.current = undefined;
  });
  const choose = (advance: boolean, change: () => void) => {
    advancing.current = advance;
    if (advance) leftOn.current = step;
    change();
  };
  const setMatterCode = (code: string | null | undefined) => choose(code !== undefined, () => update({ matterCode: code, slot: undefined }));
  const setPlace = (code: string) =>
    choose(true, () => update((d) => ({ placeChosen: true, slot: undefined, form: { ...d.form, buildingCode: code === OTHER_PLACE ? undefined : code } })));
  useEffect(() => {
    if (draft && eventNote && !draft.form.note.includes(eventNote)) update((d) => ({ matterCode: null, slot: undefined, form: { ...d.form, note: eventNote } }));
  }, [draft, eventNote, update]);
  const setSlot = (s: SlotView | null) => choose(!!s, () => update({ slot: s ?? undefined }));
  const setForm = (patch: Partial<VisitForm>) => update((d) => ({ form: { ...d.form, ...patch } }));

  // With a building, only the slots of the worker its grid routes to.
  const building = form.buildingCode;
  const slots = useRemote(
    () =>
      callFunction('booking', 'slots', {
        ...(matterCode && { matterCode }),
        ...(building && { buildingCode: building }),
        from: localDateAfter(0),
        to: localDateAfter(BOOKING_DAYS - 1),
      }),
    [matterCode, building],
    { skip: !draft || step === 'matter' || step === 'place' },
  );

  const matters = useMemo(() => (catalog.status === 'ready' ? catalog.data.catalog.matters.filter((m) => m.doorstep) : []), [catalog]);
  const matterTitle = matterCode ? matters.find((m) => m.code === matterCode)?.title ?? matterCode : '其他事项';
  const placeName = buildings.find((b) => b.code === building)?.name;

  const submit = () =>
    run(async () => {
      if (!slot || !draft) return;
      const problem = matterCode === null && !form.note.trim() ? { field: 'note', message: '请说明需要办理什么' } : contactProblem(form);
      if (problem) {
        failed.show({ ...problem, retry: false });
        return;
      }
      void askSubscribe('visit');
      failed.clear();
      try {
        const building = buildings.find((b) => b.code === form.buildingCode);
        const request = await callFunction('requests', 'create', {
          kind: 'visit',
          ...(matterCode && { matterCode }),
          slotId: slot.slotId,
          ...(building && { buildingCode: building.code }),
          ...(form.address.trim() && { address: form.address.trim() }),
          contactPhone: form.phone.trim(),
          description: visitDescription(form),
          idempotencyKey: draft.key,
        });
        stored.reset();
        setBooked({ request, matterTitle });
      } catch (e) {
        if (isApiError(e) && e.code === 'CONFLICT') {
          // Someone took the slot first: back to the (fresh) slots with the reason.
          setSlotNotice(errorMessage(e));
          setSlot(null);
          void slots.reload();
        } else failed.set(e, () => void submit(), SAFE_RETRY_HINT);
      }
    });

  if (booked) {
    const { request } = booked;
    return (
      <Page>
        <View className='done booking-done'>
          <View className='done__icon'>✓</View>
          <View className='done__title'>预约成功</View>
          <View className='done__text'>
            {request.slot ? `${slotLabel(request.slot.start, request.slot.end)}，` : ''}
            {request.assignee.name} 将上门为您办理「{booked.matterTitle}」。如需改约或取消，请在上门前2小时到“我的诉求”中操作。
          </View>
          <Tap className='btn btn--primary done__open' onClick={() => replacePage('detail', { id: request.id })}>
            查看预约详情
          </Tap>
          <Tap className='btn btn--plain done__home' onClick={() => goHome()}>
            返回首页
          </Tap>
        </View>
      </Page>
    );
  }

  if (!draft) return <Page pending={stored.me} onRetry={stored.retryMe} loading='正在准备预约…' />;

  return (
    <Page>
      {visitHasContent(draft) ? (
        <DraftNotice
          onDiscard={() => {
            stored.reset();
            failed.clear();
            setSlotNotice('');
          }}
        />
      ) : null}
      <View className='steps'>
        {STEPS.map((s) => (
          <View key={s.step} className={s.step === step ? 'steps__item steps__item--on' : 'steps__item'}>
            {s.label}
          </View>
        ))}
      </View>
      {step === 'matter' ? (
        <Loaded state={catalog} onRetry={retryCatalog} loading='正在加载事项…'>
          {() => <MatterStep matters={matters} onPick={(code) => setMatterCode(code)} />}
        </Loaded>
      ) : step === 'place' ? (
        <Loaded state={options.state} onRetry={() => void options.reload()} loading='正在加载楼栋…'>
          {() => (
            <View>
              <SectionTitle>请先选择上门的楼栋，将由负责该楼栋的网格员上门</SectionTitle>
              <Choices
                name='place'
                options={[...buildings.map((b) => ({ value: b.code, label: b.name, desc: b.gridName })), { value: OTHER_PLACE, label: '不在列表中', desc: '稍后填写上门地址' }]}
                value={form.buildingCode}
                onChange={setPlace}
              />
            </View>
          )}
        </Loaded>
      ) : step === 'slot' ? (
        <View>
          <SectionTitle
            className='booking__chosen'
            action={
              preset ? null : (
                <Tap className='link booking__change booking__rematter' onClick={() => setMatterCode(undefined)}>
                  换一个
                </Tap>
              )
            }
          >
            {matterTitle}
          </SectionTitle>
          {buildings.length ? (
            <SectionTitle
              className='booking__chosen booking__place'
              action={
                <Tap className='link booking__change booking__replace' onClick={() => update({ placeChosen: false, slot: undefined })}>
                  换一个
                </Tap>
              }
            >
              {placeName ? `楼栋：${placeName}` : '楼栋：不在列表中（稍后填写地址）'}
            </SectionTitle>
          ) : null}
          {slotNotice ? <Notice tone='warn' text={slotNotice} actionText='知道了' onAction={() => setSlotNotice('')} /> : null}
          <Loaded state={slots.state} onRetry={() => void slots.reload()} loading='正在查询可预约时段…'>
            {(d) => (
              <SlotPicker
                slots={d.slots}
                onChange={(s) => {
                  setSlot(s);
                  setSlotNotice('');
                }}
              />
            )}
          </Loaded>
        </View>
      ) : slot ? (
        <ConfirmStep
          matterTitle={matterTitle}
          slot={slot}
          buildings={buildings}
          form={form}
          onChange={(patch) => {
            setForm(patch);
            failed.clear();
          }}
          onChangeSlot={() => setSlot(null)}
          onSubmit={() => void submit()}
          busy={busy}
          failure={failed.failure}
          onRetry={failed.retry}
          needNote={matterCode === null}
        />
      ) : null}
    </Page>
  );
}

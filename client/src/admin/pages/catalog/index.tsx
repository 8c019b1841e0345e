import { View } from '@tarojs/components';
import { useRef, useState } from 'react';
import type { Catalog, Matter } from '@qgt/shared/catalog/schema';
import type { FieldIssue } from '@qgt/shared/errors';
import type { ReviewList } from '@qgt/shared/catalog/checks';
import { REVIEW_STATUS_LABELS, SOURCE_FIELD_LABELS } from '@qgt/shared/catalog/codes';
import type { CatalogReportView } from '@qgt/shared/desk/api';
import { catalogDiff } from '@qgt/shared/catalog/diff';
import { catalogFieldLabel, materialsFromText, materialsText } from '@qgt/shared/catalog/newMatter';
import type { CatalogDraftView } from '@qgt/shared/admin/views';
import NewMatterForm from './NewMatterForm';
import { callFunction } from '../../../api/call';
import { uploadLargeInput } from '../../../api/upload';
import { INLINE_INPUT_LIMIT } from '@qgt/shared/limits';
import { isApiError } from '../../../api/errors';
import Choices from '../../../components/Form/Choices';
import Field from '../../../components/Form/Field';
import SubmitButton from '../../../components/Form/SubmitButton';
import { Loaded, StaffPage } from '../../../components/Page';
import { dateLabel, localDateKey, whenLabel } from '../../../lib/time';
import { useRemote } from '../../../lib/useRemote';
import { useSave, useSubmit, useSubmitFailure } from '../../../lib/useSubmit';
import Tap from '../../../components/Tap';
import { showToast } from '../../../lib/toast';
import { confirmDialog } from '../../../lib/dialog';
import { useMe } from '../../../lib/account';
import { allowed } from '../../../components/StaffHeader';
import '../../components/admin.scss';
import FormError from '../../../components/Form/FormError';
import SectionTitle from '../../../components/SectionTitle';

/** 2026.3.4 → 2026.3.5 */
export function bumpVersion(v: string): string {
  const p = v.split('.').map(Number);
  return p.length === 3 && p.every((n) => Number.isInteger(n)) ? `${p[0]}.${p[1]}.${p[2] + 1}` : v;
}

const lines = (s: string) => s.split('\n').map((l) => l.trim()).filter(Boolean);

/** The editable fields of one matter (lists one item per line); the rest stays as it is. */
function MatterForm({ m, onSave }: { m: Matter; onSave: (m: Matter) => void }) {
  const [title, setTitle] = useState(m.title);
  const [summary, setSummary] = useState(m.summary);
  const [basis, setBasis] = useState(m.basis);
  const [where, setWhere] = useState(m.where);
  const [fee, setFee] = useState(m.fee);
  const [days, setDays] = useState(String(m.timeLimit.workingDays));
  const [eligibility, setEligibility] = useState(m.eligibility.join('\n'));
  // Written back as lines that read to the same materials, so an unchanged save changes nothing.
  const [materials, setMaterials] = useState(materialsText(m.materials));
  const [steps, setSteps] = useState(m.steps.join('\n'));
  const [tips, setTips] = useState(m.tips.join('\n'));
  const [onTheSpot, setOnTheSpot] = useState(m.onTheSpot ? 'yes' : 'no');
  const [srcTitle, setSrcTitle] = useState('');
  const [srcDoc, setSrcDoc] = useState('');
  const [srcArticle, setSrcArticle] = useState('');
  const failed = useSubmitFailure();
  const save = () => {
    const n = Number(days);
    if (!Number.isInteger(n) || n < 0 || n > 90) return failed.say('承诺时限应为0–90的整数（0为当场办结）');
    const next: Matter = { ...m, title: title.trim(), summary: summary.trim(), basis: basis.trim(), where: where.trim(), fee: fee.trim(), timeLimit: { ...m.timeLimit, workingDays: n }, eligibility: lines(eligibility), materials: materialsFromText(materials), steps: lines(steps), tips: lines(tips), onTheSpot: onTheSpot === 'yes' };
    // Every changed field needs a source (the publish refuses it otherwise): one source, named per field.
    const changed = catalogDiff({ matters: [m] }, { matters: [next] });
    const doc = srcDoc.trim();
    if (changed.length && (srcTitle.trim().length < 2 || doc.length < 2))
      return failed.say(`修改了${changed.map((c) => c.label).join('、')}，请填写来源名称及文号或链接`);
    failed.clear();
    const source = { title: srcTitle.trim().replace(/[《》]/g, ''), ...(/^https?:\/\//.test(doc) ? { url: doc } : { docNo: doc }), ...(srcArticle.trim() && { article: srcArticle.trim() }), retrievedAt: localDateKey(Date.now()) };
    onSave({ ...next, sources: [...(m.sources ?? []), ...changed.map((c) => ({ ...source, field: c.field }))] });
  };
  return (
    <View className='matter-form'>
      <View className='cells'>
        <Field name='m-title' label='事项名称' required maxlength={30} value={title} onChange={setTitle} />
        <Field name='m-summary' label='简介' required multiline maxlength={200} value={summary} onChange={setSummary} />
        <Field name='m-basis' label='办理依据' required multiline maxlength={400} value={basis} onChange={setBasis} />
        <Field name='m-eligibility' label='办理条件（每行一条）' required multiline maxlength={2000} value={eligibility} onChange={setEligibility} />
        <Field name='m-materials' label='所需材料（每行一项，如：户口簿 原件及复印件1份（视情况）——说明）' required multiline maxlength={8000} value={materials} onChange={setMaterials} />
        <Field name='m-days' label='承诺时限（工作日）' type='number' maxlength={2} value={days} onChange={setDays} />
        <Field name='m-where' label='办理地点' required multiline maxlength={200} value={where} onChange={setWhere} />
        <Field name='m-fee' label='收费' maxlength={60} value={fee} onChange={setFee} />
        <Field name='m-steps' label='办理步骤（每行一步）' multiline maxlength={2000} value={steps} onChange={setSteps} />
        <Field name='m-tips' label='温馨提示（每行一条）' multiline maxlength={2000} value={tips} onChange={setTips} />
      </View>
      <SectionTitle>本次修改的来源（每项修改都须有来源）</SectionTitle>
      <View className='cells'>
        <Field name='m-src-title' label='来源名称' maxlength={120} value={srcTitle} onChange={setSrcTitle} />
        <Field name='m-src-doc' label='文号或链接' maxlength={500} value={srcDoc} onChange={setSrcDoc} />
        <Field name='m-src-article' label='条款（可选）' maxlength={60} value={srcArticle} onChange={setSrcArticle} />
      </View>
      <Choices name='m-onthespot' options={[{ value: 'yes', label: '即办件（当场办结）' }, { value: 'no', label: '流转后台' }]} value={onTheSpot} onChange={setOnTheSpot} />
      <FormError failure={failed.failure} onRetry={failed.retry} />
      <View className='form-actions'>
        <SubmitButton name='matter-save' tone='plain' text='保存到草稿' onClick={save} />
      </View>
    </View>
  );
}

/** The draft as it is on the server: when and by whom it was last saved. */
type Saved = Omit<CatalogDraftView, 'catalog'> | null;

/**
 * Edits go into the server's draft at once (any admin), so they survive a reload and open on a
 * second PC; publishing (街道 admins) takes the saved draft under the new version.
 */
function Editor({ published, saved: firstSaved, canPublish, onPublished, onDiscarded, onReload }: { published: Catalog; saved: CatalogDraftView | null; /** Undefined while the admin's level is loading. */ canPublish: boolean | undefined; onPublished: () => void; onDiscarded: () => void; onReload: () => void }) {
  const [draft, setDraft] = useState<Catalog>(firstSaved?.catalog ?? published);
  const [saved, setSaved] = useState<Saved>(firstSaved);
  // The savedAt of the server draft this page started from (or last saved): the server refuses a
  // save or discard over a draft another admin changed meanwhile (409 draftChanged).
  const savedAt = useRef<string | null>(firstSaved?.savedAt ?? null);
  // The local draft differs from the server's (its save failed): publishing waits for it.
  const [unsaved, setUnsaved] = useState(false);
  const [open, setOpen] = useState('');
  const [adding, setAdding] = useState(false);
  const [q, setQ] = useState('');
  const [version, setVersion] = useState(bumpVersion(published.version));
  const [note, setNote] = useState('');
  const failed = useSubmitFailure();
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const { busy, run } = useSubmit();
  const diff = catalogDiff(published, draft);
  const changed = new Set(diff.map((c) => c.code));
  const isNew = (code: string) => !published.matters.some((m) => m.code === code);
  const categoryName = (code: string) => draft.categories.find((c) => c.code === code)?.name ?? '';
  const shown = draft.matters.filter((m) => !q.trim() || m.title.includes(q.trim()) || m.aliases.some((a) => a.includes(q.trim())));
  // Another admin saved or discarded meanwhile: say who and when, and offer 刷新 (their draft replaces this page's edits, once confirmed).
  const reload = async () => {
    const sure = await confirmDialog({ title: '刷新草稿？', content: '将载入服务器上最新的草稿，本页未保存的修改将被替换。', confirmText: '刷新' });
    if (sure) onReload();
  };
  const refused = (e: unknown, again: () => void) => {
    if (isApiError(e) && e.reason === 'draftChanged') return failed.show({ message: e.message, retry: true, action: '刷新' }, () => void reload());
    failed.set(e, again);
    if (isApiError(e)) setIssues(e.issues ?? []);
  };

  const saveDraft = (catalog: Catalog) =>
    run(async () => {
      failed.clear();
      setIssues([]);
      try {
        // Past CloudBase's 100 KB call limit the catalog goes through storage (weapp).
        const fileId = await uploadLargeInput('catalogs', catalog, INLINE_INPUT_LIMIT);
        const next = await callFunction('admin', 'catalog.draft.save', { ...(fileId ? { fileId } : { catalog }), savedAt: savedAt.current });
        savedAt.current = next.savedAt;
        setSaved(next);
        setUnsaved(false);
        void showToast({ title: '草稿已保存', icon: 'success' });
      } catch (e) {
        setUnsaved(true);
        refused(e, () => void saveDraft(catalog));
      }
    });

  const keep = (next: Catalog) => {
    setDraft(next);
    setOpen('');
    setAdding(false);
    void saveDraft(next);
  };

  const publish = () =>
    run(async () => {
      failed.clear();
      setIssues([]);
      try {
        const r = await callFunction('admin', 'catalog.publish', { version, ...(note.trim() && { note: note.trim() }) });
        void showToast({ title: `已发布 ${r.version}`, icon: 'success' });
        setNote('');
        onPublished();
      } catch (e) {
        refused(e, () => void publish());
      }
    });

  const discard = () =>
    run(async () => {
      failed.clear();
      try {
        await callFunction('admin', 'catalog.draft.discard', { savedAt: savedAt.current });
        onDiscarded();
      } catch (e) {
        refused(e, () => void discard());
      }
    });

  return (
    <View>
      {saved || unsaved ? (
        <View className='block catalog__draft-state'>
          {saved ? `草稿：${whenLabel(saved.savedAt)}${saved.byName ? ` · ${saved.byName}` : ''}保存` : '草稿'}
          {unsaved ? '；最近的修改尚未保存' : ''}
        </View>
      ) : null}
      <View className='cells'>
        <Field name='catalog-q' label='查找事项' maxlength={30} value={q} onChange={setQ} />
      </View>
      <View className='cells catalog__matters'>
        {shown.slice(0, 50).map((m) => (
          <View key={m.code}>
            <Tap className='cell catalog__matter' onClick={() => setOpen(open === m.code ? '' : m.code)}>
              <View className='cell__body'>
                <View>
                  {m.title}
                  {isNew(m.code) ? '（新增）' : changed.has(m.code) ? '（已修改）' : ''}
                </View>
                <View className='cell__desc'>
                  {categoryName(m.category)} · {m.timeLimit.workingDays ? `${m.timeLimit.workingDays}个工作日` : '当场办结'}
                </View>
              </View>
            </Tap>
            {open === m.code ? <MatterForm m={m} onSave={(next) => keep({ ...draft, matters: draft.matters.map((x) => (x.code === next.code ? next : x)) })} /> : null}
          </View>
        ))}
      </View>
      <View className='form-actions'>
        <SubmitButton name='matter-new' tone='plain' text={adding ? '收起新增事项' : '新增事项'} onClick={() => setAdding(!adding)} />
      </View>
      {adding ? <NewMatterForm catalog={draft} onAdd={(m) => keep({ ...draft, matters: [...draft.matters, m] })} /> : null}
      {diff.length ? (
        <View>
          <SectionTitle>本次修改（逐项对照）</SectionTitle>
          <View className='cells catalog__diff'>
            {diff.map((c) => (
              <View key={`${c.code}:${c.field}`} className='cell catalog__change'>
                <View className='cell__body'>
                  <View>
                    {c.title} · {c.label}
                  </View>
                  <View className='cell__desc'>原：{c.before || '（无）'}</View>
                  <View className='cell__desc'>新：{c.after || '（无）'}</View>
                </View>
              </View>
            ))}
          </View>
        </View>
      ) : null}
      <SectionTitle>发布（当前 {published.version}）</SectionTitle>
      {canPublish ? (
        <View className='cells'>
          <Field name='catalog-version' label='新版本号' required maxlength={16} value={version} onChange={setVersion} />
          <Field name='catalog-note' label='发布说明' multiline maxlength={200} value={note} onChange={setNote} />
        </View>
      ) : canPublish === false ? (
        <View className='block muted catalog__publish-by-street'>发布由街道管理员进行：草稿已保存在服务器，街道管理员打开本页即可核对并发布。</View>
      ) : null}
      <FormError failure={failed.failure} onRetry={failed.retry} />
      {issues.map((i) => (
        <View key={`${i.field}:${i.message}`} className='block grids__issue-field'>
          {catalogFieldLabel(i.field, draft.matters)}：{i.message}
        </View>
      ))}
      <View className='form-actions'>
        {canPublish ? (
          <SubmitButton
            name='catalog-publish'
            text={changed.size ? `发布（修改了${changed.size}个事项）` : '发布'}
            disabled={!changed.size || unsaved || !saved}
            busy={busy}
            onClick={() => void publish()}
          />
        ) : null}
        {saved ? <SubmitButton name='catalog-discard' tone='plain' text='放弃草稿' busy={busy} onClick={() => void discard()} /> : null}
      </View>
    </View>
  );
}

/** 内容核对: stale matters first, then drafts with what is unverified, and the documents to verify. */
function ReviewSection({ list, onChanged }: { list: ReviewList & { reports: CatalogReportView[] }; onChanged: () => void }) {
  const { busy, failure, retry, save } = useSave();
  return (
    <View>
      {list.reports.length ? (
        <View>
          <SectionTitle>窗口报告的错误（{list.reports.length}）</SectionTitle>
          <View className='cells catalog__reports'>
            {list.reports.map((r) => (
              <View key={r.id} className='cell catalog__report'>
                <View className='cell__body'>
                  <View>
                    {r.matterTitle}
                    {r.field ? ` · ${SOURCE_FIELD_LABELS[r.field]}` : ''}
                  </View>
                  <View className='cell__desc'>
                    {r.note}（{r.by.name} · {whenLabel(r.at)}）
                  </View>
                </View>
                <SubmitButton name={`report-close-${r.id}`} tone='plain' text='已处理' busy={busy} onClick={() => void save(() => callFunction('admin', 'catalog.reportClose', { id: r.id }), onChanged)} />
              </View>
            ))}
          </View>
          <FormError failure={failure} onRetry={retry} />
        </View>
      ) : null}
      <View className='block catalog__review-counts'>
        {dateLabel(list.asOf)} · 已核对 {list.counts.reviewed} · 需复核 {list.counts.stale} · 待核实 {list.counts.draft}
      </View>
      <View className='cells catalog__review'>
        {list.items.map((i) => (
          <View key={i.code} className={`cell catalog__review-item catalog__review-item--${i.status}`}>
            <View className='cell__body'>
              <View>
                {i.title} · {REVIEW_STATUS_LABELS[i.status]}
              </View>
              <View className='cell__desc'>
                {i.reviewedAt ? `核对于 ${dateLabel(i.reviewedAt)}${i.nextReviewDue ? `，应于 ${dateLabel(i.nextReviewDue)} 前复核` : ''}` : '尚未核对'}
                {i.reasons.length ? `；${i.reasons.join('；')}` : ''}
              </View>
            </View>
          </View>
        ))}
      </View>
      {list.laws.length ? (
        <View>
          <SectionTitle>所引文件待核实或已失效</SectionTitle>
          <View className='cells catalog__laws'>
            {list.laws.map((l) => (
              <View key={l.title} className='cell'>
                <View className='cell__body'>
                  <View>
                    《{l.title}》 · {l.status}
                  </View>
                  <View className='cell__desc'>
                    引用事项：{l.citedBy.map((c) => c.title).join('、')}
                    {l.note ? `。${l.note}` : ''}
                  </View>
                </View>
              </View>
            ))}
          </View>
        </View>
      ) : null}
    </View>
  );
}

/** 事项目录: edit and add matters in the server's draft of the catalog, bump the version, publish with a note. */
export default function CatalogPage() {
  const me = useMe();
  // Nothing is asked of the admin function before the role gate lets the caller in.
  const skip = !(me.state.status === 'ready' && allowed(me.state.me, ['admin']));
  const draft = useRemote(() => callFunction('admin', 'catalog.draft.get', {}), [], { skip });
  const versions = useRemote(() => callFunction('admin', 'catalog.versions', {}), [], { skip });
  const review = useRemote(() => callFunction('admin', 'catalog.review', {}), [], { skip });
  // Bumped by 刷新 once the draft is reloaded: the editor starts over even when the draft's key is unchanged (discarded again).
  const [reloads, setReloads] = useState(0);
  // The server lets only 街道 (or 区) admins publish; its level comes from communities.list (as AuditExport's).
  // Unknown (the call failed): the button shows and the server's refusal names why.
  const scope = useRemote(() => callFunction('admin', 'communities.list', {}), [], { skip });
  const canPublish = scope.state.status === 'loading' ? undefined : scope.state.status === 'error' || scope.state.data.level !== 'community';
  return (
    <StaffPage title='事项目录' roles={['admin']} account={me}>
      {() => (
        <View>
          <Loaded state={draft.state} onRetry={() => void draft.reload()}>
            {(d) => (
              <Editor
                key={`${d.catalog.version}:${d.draft?.savedAt ?? ''}:${reloads}`}
                published={d.catalog}
                saved={d.draft}
                canPublish={canPublish}
                onPublished={() => {
                  void draft.reload();
                  void versions.reload();
                  void review.reload();
                }}
                onDiscarded={() => void draft.reload()}
                onReload={() => void draft.reload().then(() => setReloads((n) => n + 1))}
              />
            )}
          </Loaded>
          <SectionTitle>内容核对（需复核与待核实）</SectionTitle>
          <Loaded state={review.state} onRetry={() => void review.reload()} empty={(list) => !list.items.length && !list.laws.length && !list.reports.length && '全部事项均已核对，未到复核时间'}>
            {(list) => <ReviewSection list={list} onChanged={() => void review.reload()} />}
          </Loaded>
          <SectionTitle>版本历史</SectionTitle>
          <Loaded state={versions.state} onRetry={() => void versions.reload()} empty={(v) => !v.items.length && '还没有发布记录'}>
            {(v) => (
              <View className='cells catalog__versions'>
                {v.items.map((x) => (
                  <View key={x.version} className='cell'>
                    <View className='cell__body'>
                      <View>
                        {x.version}
                        {x.current ? '（当前）' : ''} · {x.matters}个事项
                      </View>
                      <View className='cell__desc'>
                        {whenLabel(x.publishedAt)}
                        {x.byName ? ` · ${x.byName}` : ''}
                        {x.note ? ` · ${x.note}` : ''}
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

import { View } from '@tarojs/components';
import { useState } from 'react';
import type { Catalog, Matter } from '@qgt/shared/catalog/schema';
import { buildNewMatter, newMatterCode } from '@qgt/shared/catalog/newMatter';
import Choices from '../../../components/Form/Choices';
import Field from '../../../components/Form/Field';
import FormError from '../../../components/Form/FormError';
import SubmitButton from '../../../components/Form/SubmitButton';
import { localDateKey } from '../../../lib/time';
import { useSubmitFailure } from '../../../lib/useSubmit';
import SectionTitle from '../../../components/SectionTitle';

const YES_NO = [
  { value: 'yes', label: '是' },
  { value: 'no', label: '否' },
];

/**
 * 新增事项: what a matter needs, in words (one item per line); the code is made here, never typed.
 * The device checks only what it must to build the matter (a category, a source, the days); the
 * draft save checks the rest with the catalog schema and names the field.
 */
export default function NewMatterForm({ catalog, onAdd }: { catalog: Catalog; onAdd: (m: Matter) => void }) {
  const [title, setTitle] = useState('');
  const [category, setCategory] = useState('');
  const [summary, setSummary] = useState('');
  const [aliases, setAliases] = useState('');
  const [basis, setBasis] = useState('');
  const [eligibility, setEligibility] = useState('');
  const [materials, setMaterials] = useState('');
  const [steps, setSteps] = useState('');
  const [days, setDays] = useState('');
  const [where, setWhere] = useState('');
  const [fee, setFee] = useState('不收费');
  const [onTheSpot, setOnTheSpot] = useState('no');
  const [doorstep, setDoorstep] = useState('no');
  const [proxy, setProxy] = useState('yes');
  const [srcTitle, setSrcTitle] = useState('');
  const [srcDoc, setSrcDoc] = useState('');
  const [srcArticle, setSrcArticle] = useState('');
  const [reviewDate, setReviewDate] = useState(localDateKey(Date.now()));
  const failed = useSubmitFailure();
  const add = () => {
    const n = Number(days);
    if (!category) return failed.say('请选择分类');
    if (!days.trim() || !Number.isInteger(n) || n < 0 || n > 90) return failed.say('承诺时限应为0–90的整数（0为当场办结）');
    if (srcTitle.trim().length < 2 || srcDoc.trim().length < 2) return failed.say('请填写依据的来源名称及文号或链接');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(reviewDate.trim())) return failed.say('核对日期格式应为 YYYY-MM-DD');
    failed.clear();
    const code = newMatterCode(new Set(catalog.matters.map((m) => m.code)), Date.now());
    onAdd(
      buildNewMatter(
        {
          title, category, summary, aliases, basis, eligibility, materials, steps, workingDays: n, where, fee,
          onTheSpot: onTheSpot === 'yes', doorstep: doorstep === 'yes', proxy: proxy === 'yes',
          source: { title: srcTitle, doc: srcDoc, article: srcArticle },
          reviewDate: reviewDate.trim(),
        },
        code,
      ),
    );
  };
  return (
    <View className='matter-form matter-form--new'>
      <View className='cells'>
        <Field name='n-title' label='事项名称' required maxlength={30} value={title} onChange={setTitle} />
      </View>
      <SectionTitle>分类</SectionTitle>
      <Choices name='n-category' label='分类' options={catalog.categories.map((c) => ({ value: c.code, label: `${c.icon}${c.name}` }))} value={category} onChange={setCategory} />
      <View className='cells'>
        <Field name='n-summary' label='简介（一句话：办什么、谁能办）' required multiline maxlength={200} value={summary} onChange={setSummary} />
        <Field name='n-aliases' label='俗称（每行一个，可不填）' multiline maxlength={400} value={aliases} onChange={setAliases} />
        <Field name='n-eligibility' label='办理条件（每行一条）' required multiline maxlength={2000} value={eligibility} onChange={setEligibility} />
        <Field name='n-materials' label='所需材料（每行一项，如：户口簿 原件及复印件1份（视情况））' required multiline maxlength={2000} value={materials} onChange={setMaterials} />
        <Field name='n-steps' label='办理步骤（每行一步，至少两步）' required multiline maxlength={2000} value={steps} onChange={setSteps} />
        <Field name='n-days' label='承诺时限（工作日，0为当场办结）' required type='number' maxlength={2} value={days} onChange={setDays} />
        <Field name='n-where' label='办理地点' required multiline maxlength={200} value={where} onChange={setWhere} />
        <Field name='n-fee' label='收费' required maxlength={60} value={fee} onChange={setFee} />
      </View>
      <SectionTitle>即办件（窗口当场办结）</SectionTitle>
      <Choices name='n-onthespot' label='即办件' options={YES_NO} value={onTheSpot} onChange={setOnTheSpot} />
      <SectionTitle>可上门帮办</SectionTitle>
      <Choices name='n-doorstep' label='可上门帮办' options={YES_NO} value={doorstep} onChange={setDoorstep} />
      <SectionTitle>可代办</SectionTitle>
      <Choices name='n-proxy' label='可代办' options={YES_NO} value={proxy} onChange={setProxy} />
      <SectionTitle>办理依据及来源</SectionTitle>
      <View className='cells'>
        <Field name='n-basis' label='办理依据' required multiline maxlength={400} value={basis} onChange={setBasis} />
        <Field name='n-src-title' label='来源名称' required maxlength={120} value={srcTitle} onChange={setSrcTitle} />
        <Field name='n-src-doc' label='文号或链接' required maxlength={500} value={srcDoc} onChange={setSrcDoc} />
        <Field name='n-src-article' label='条款（可选）' maxlength={60} value={srcArticle} onChange={setSrcArticle} />
        <Field name='n-review' label='核对日期' required maxlength={10} placeholder='YYYY-MM-DD' value={reviewDate} onChange={setReviewDate} />
      </View>
      <FormError failure={failed.failure} onRetry={failed.retry} />
      <View className='form-actions'>
        <SubmitButton name='matter-add' tone='plain' text='加入草稿' onClick={add} />
      </View>
    </View>
  );
}

import { buildNoticeSheet, relatedAdvice } from '@qgt/shared/domain/desk';
import type { Matter } from '@qgt/shared/catalog/schema';

/**
 * The 一次性告知单's edges that desk.test.ts's sheets do not reach (each kills a mutant that
 * survived `npm run mutation` on desk.ts): its review as of the day it is issued, a document cited
 * twice under one title, online services and tips, and a selection naming an unknown material.
 */

const base: Matter = {
  code: 'dibao',
  title: '最低生活保障',
  category: 'minzheng',
  summary: '共同生活的家庭成员人均收入低于当地低保标准',
  aliases: [],
  basis: '《社会救助暂行办法》',
  sources: [],
  eligibility: ['本地户籍'],
  materials: [{ name: '居民身份证', form: 'original', copies: 0, required: true }],
  steps: ['申请', '审核'],
  timeLimit: { workingDays: 20 },
  where: '社区综合窗口',
  online: ['天府通办', '民政一网通'],
  fee: '不收费',
  onTheSpot: false,
  doorstep: true,
  proxy: true,
  related: [],
  tips: ['先电话咨询社区'],
};

const issue = (matter: Matter, over: Partial<Parameters<typeof buildNoticeSheet>[0]> = {}) =>
  buildNoticeSheet({ id: 'N9', walkinId: 'W9', issuedAt: '2026-10-09T01:00:00.000Z', issuedBy: { openid: 'w-1', name: '刘网格' }, matter, contact: { name: '刘网格' }, related: [], ...over });

const sheetOf = (matter: Matter) => {
  const r = issue(matter);
  if (!r.ok) throw new Error('not ok');
  return r.sheet;
};

describe('the notice sheet', () => {
  it('prints the online services and tips as the matter has them', () => {
    const sheet = sheetOf(base);
    expect(sheet.online).toStrictEqual(['天府通办', '民政一网通']);
    expect(sheet.tips).toStrictEqual(['先电话咨询社区']);
  });

  it('reads the review as of the day it is issued (Shanghai): due the day before → 已到复核时间', () => {
    const review = { reviewedAt: '2025-10-08', nextReviewDue: '2026-10-08', status: 'reviewed' as const, unverified: [] };
    // 01:00Z on the 9th is 09:00 on the 9th in Shanghai: the review was due on the 8th.
    expect(sheetOf({ ...base, review }).review).toStrictEqual({ reviewedAt: '2025-10-08', status: 'stale', line: '本页于2025年10月8日核对，已到复核时间，以办理机关的规定为准' });
    // Due on the 9th itself: still current that day.
    expect(sheetOf({ ...base, review: { ...review, nextReviewDue: '2026-10-09' } }).review.status).toBe('reviewed');
  });

  it('keeps the first citation of a document cited twice under one title', () => {
    const sources = [
      { title: '社会救助暂行办法', docNo: '国务院令第649号', field: 'basis' as const },
      { title: '社会救助暂行办法', url: 'https://example.gov.cn/law', field: 'steps' as const },
    ];
    expect(sheetOf({ ...base, sources }).sources).toStrictEqual([{ title: '社会救助暂行办法', docNo: '国务院令第649号' }]);
  });

  it('refuses a selection naming a material the matter does not ask for, saying which', () => {
    expect(issue(base, { selection: { have: ['居民身份证', '结婚证'] } })).toStrictEqual({ ok: false, field: 'have', index: 1, name: '结婚证' });
  });

  it('related advice for an unknown matter is empty', () => {
    expect(relatedAdvice(new Map([['dibao', base]]), 'nothing')).toStrictEqual([]);
  });
});

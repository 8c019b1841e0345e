import type { Catalog } from '@qgt/shared/catalog/schema';
import { testMatter } from '../fixtures/mini-catalog';

/** A small catalog for the rendered-page tests, independent of the real data files. */
export const testCatalog: Catalog = {
  version: '2026.1.0',
  categories: [
    { code: 'shebao', name: '社会保险', icon: '🏦', order: 10 },
    { code: 'minzheng', name: '民政救助', icon: '🤝', order: 30 },
    { code: 'juzhu', name: '户籍居住', icon: '🏠', order: 50 },
  ],
  matters: [
    testMatter({
      code: 'pension-certification',
      title: '养老保险待遇资格认证',
      category: 'shebao',
      aliases: ['退休验证', '养老金认证'],
      summary: '领取养老金的退休人员每年进行一次待遇资格认证。',
      online: ['国家社会保险公共服务平台', '掌上12333'],
      doorstep: true,
      proxy: true,
    }),
    testMatter({
      code: 'dibao',
      title: '最低生活保障',
      category: 'minzheng',
      aliases: ['低保', '吃低保'],
      summary: '共同生活的家庭成员人均收入低于当地低保标准的家庭申请低保。',
      basis: '《社会救助暂行办法》第九条至第十五条',
      sources: [{ title: '社会救助暂行办法', docNo: '国务院令第649号', article: '第九条', field: 'eligibility' }],
      review: { reviewedAt: '2026-12-07', nextReviewDue: '2099-12-31', status: 'draft', unverified: [{ field: 'materials', note: '材料清单未能核对' }] },
      materials: [
        { name: '居民身份证', form: 'originalAndCopy', copies: 1, required: true },
        { name: '户口簿', form: 'original', copies: 0, required: true, note: '核验后当场退还' },
        { name: '家庭经济状况核对授权书', form: 'form', copies: 1, required: true },
        { name: '残疾证', form: 'copy', copies: 2, required: false, note: '家庭成员有残疾的提供' },
      ],
      steps: ['向社区窗口提出申请', '街道审核并入户调查', '区民政局审批', '公示后发放'],
      timeLimit: { workingDays: 30, note: '不含公示时间' },
      onTheSpot: false,
      backOffice: '区民政局',
      doorstep: true,
      proxy: true,
      related: ['pension-certification'],
      tips: ['申请前可先电话咨询社区。'],
    }),
    testMatter({
      code: 'residence-permit',
      title: '居住证办理',
      category: 'juzhu',
      aliases: ['暂住证', '办居住证'],
      summary: '离开常住户口所在地到其他城市居住半年以上的人员申领居住证。',
      timeLimit: { workingDays: 15 },
      onTheSpot: false,
    }),
  ],
};

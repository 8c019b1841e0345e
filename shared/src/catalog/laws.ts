/**
 * The registry of documents the catalog cites (laws, regulations, policy documents), with their
 * in-force status. A matter's `basis` and `sources` name documents by title; the content checks
 * (checks.ts) look each one up here, so a document marked superseded or repealed flags every
 * matter citing it, and a title missing here is a finding too.
 *
 * `docNo` is filled only where the 文号 is certain (well-known laws and State Council decrees, or
 * read in a text whose `checkedFrom` is given); `status: 'toVerify'` marks a document whose
 * current status could not be confirmed from here — it keeps a matter citing it a draft.
 * No dependency on zod: the device and every function may import it.
 */

export type LawStatus = 'inForce' | 'superseded' | 'repealed' | 'toVerify';

export interface Law {
  /** The title as cited, without 《》. */
  title: string;
  docNo?: string;
  issuer: string;
  /** Adopted or issued (YYYY-MM-DD, or YYYY-MM / YYYY when only that is known). */
  date?: string;
  /** In force from. */
  effective?: string;
  /** Last day in force, for a document with a known end (e.g. a 5-year validity). */
  expires?: string;
  status: LawStatus;
  /** The title that replaces it, when superseded (or expected to). */
  supersededBy?: string;
  /** What is known and what is not, in one or two sentences (shown to admins). */
  note?: string;
  /** Where the status was read, when not from a well-known primary text. */
  checkedFrom?: string;
  /**
   * The official site that publishes the text (国家法律法规数据库, the issuer's site): a source
   * citing a document without a certain 文号 links here, never to a guessed page.
   */
  portal?: string;
}

/** Official sites where the texts are published (home pages, not guessed deep links). */
export const PORTALS = {
  npcLaws: 'https://flk.npc.gov.cn/',
  govPolicy: 'https://www.gov.cn/zhengce/',
  party: 'https://www.12371.cn/',
  mca: 'https://www.mca.gov.cn/',
  mohrss: 'https://www.mohrss.gov.cn/',
  mps: 'https://www.mps.gov.cn/',
  cdpf: 'https://www.cdpf.org.cn/',
  nhsa: 'https://www.nhsa.gov.cn/',
  mnr: 'https://www.mnr.gov.cn/',
} as const;

export const LAW_STATUS_LABELS: Record<LawStatus, string> = {
  inForce: '现行有效',
  superseded: '已被替代',
  repealed: '已废止',
  toVerify: '待核实',
};

export const LAWS: readonly Law[] = [
  // Laws of the NPC and its Standing Committee.
  { title: '中华人民共和国民法典', docNo: '中华人民共和国主席令第四十五号', issuer: '全国人民代表大会', date: '2020-05-28', effective: '2021-01-01', portal: PORTALS.npcLaws, status: 'inForce' },
  { title: '中华人民共和国社会保险法', docNo: '中华人民共和国主席令第三十五号', issuer: '全国人民代表大会常务委员会', date: '2010-10-28', effective: '2011-07-01', portal: PORTALS.npcLaws, status: 'inForce', note: '2018年12月29日修正。' },
  { title: '中华人民共和国法律援助法', docNo: '中华人民共和国主席令第九十三号', issuer: '全国人民代表大会常务委员会', date: '2021-08-20', effective: '2022-01-01', portal: PORTALS.npcLaws, status: 'inForce' },
  { title: '中华人民共和国人民调解法', docNo: '中华人民共和国主席令第三十四号', issuer: '全国人民代表大会常务委员会', date: '2010-08-28', effective: '2011-01-01', portal: PORTALS.npcLaws, status: 'inForce' },
  { title: '中华人民共和国就业促进法', issuer: '全国人民代表大会常务委员会', date: '2007-08-30', effective: '2008-01-01', portal: PORTALS.npcLaws, status: 'inForce', note: '2015年4月24日修正；主席令文号未在此核对。' },
  { title: '中华人民共和国残疾人保障法', issuer: '全国人民代表大会常务委员会', date: '1990-12-28', portal: PORTALS.npcLaws, status: 'inForce', note: '2008年修订、2018年修正；现行文本的主席令文号未在此核对。' },
  { title: '中华人民共和国老年人权益保障法', issuer: '全国人民代表大会常务委员会', date: '1996-08-29', portal: PORTALS.npcLaws, status: 'inForce', note: '2012年修订，2015、2018年修正；文号未在此核对。' },
  { title: '中华人民共和国退役军人保障法', issuer: '全国人民代表大会常务委员会', date: '2020-11-11', effective: '2021-01-01', portal: PORTALS.npcLaws, status: 'inForce', note: '主席令文号未在此核对。' },
  { title: '中华人民共和国人口与计划生育法', issuer: '全国人民代表大会常务委员会', date: '2001-12-29', portal: PORTALS.npcLaws, status: 'inForce', note: '2015年、2021年8月20日修正；文号未在此核对。' },
  { title: '中华人民共和国母婴保健法', issuer: '全国人民代表大会常务委员会', date: '1994-10-27', portal: PORTALS.npcLaws, status: 'toVerify', note: '多次修正，现行条文序号未在此核对。' },
  { title: '中华人民共和国户口登记条例', issuer: '全国人民代表大会常务委员会', date: '1958-01-09', portal: PORTALS.npcLaws, status: 'inForce' },
  {
    title: '中华人民共和国社会救助法',
    issuer: '全国人民代表大会常务委员会',
    status: 'toVerify',
    portal: PORTALS.npcLaws,
    note: '公开报道称2026年4月30日通过；通过日期、施行日期、文号和条文均未能从原文核实。核实其施行后，应将低保、特困、临时救助的依据由《社会救助暂行办法》改为本法，并把《社会救助暂行办法》标为已被替代。',
  },

  // State Council regulations and documents.
  { title: '居住证暂行条例', docNo: '国务院令第663号', issuer: '国务院', date: '2015-11-26', effective: '2016-01-01', portal: PORTALS.npcLaws, status: 'inForce' },
  {
    title: '社会救助暂行办法',
    docNo: '国务院令第649号',
    issuer: '国务院',
    date: '2014-02-21',
    effective: '2014-05-01',
    status: 'inForce',
    portal: PORTALS.npcLaws,
    supersededBy: '中华人民共和国社会救助法',
    note: '2019年3月2日修订。据报道将由《中华人民共和国社会救助法》取代，该法的施行日期待核实；核实后在此记为已被替代，引用本办法的事项即被标记。',
  },
  { title: '失业保险条例', docNo: '国务院令第258号', issuer: '国务院', date: '1999-01-22', effective: '1999-01-22', portal: PORTALS.npcLaws, status: 'inForce' },
  { title: '不动产登记暂行条例', docNo: '国务院令第656号', issuer: '国务院', date: '2014-11-24', effective: '2015-03-01', portal: PORTALS.npcLaws, status: 'inForce', note: '此后经修订；现行条文序号以最新文本为准。' },
  { title: '医疗保障基金使用监督管理条例', docNo: '国务院令第735号', issuer: '国务院', date: '2021-01-15', effective: '2021-05-01', portal: PORTALS.npcLaws, status: 'inForce' },
  { title: '军人抚恤优待条例', issuer: '国务院、中央军委', portal: PORTALS.npcLaws, status: 'toVerify', note: '2024年修订；修订后文号和条文序号未在此核对。' },
  { title: '退役军人安置条例', issuer: '国务院、中央军委', portal: PORTALS.npcLaws, status: 'toVerify', note: '文号、施行日期和条文序号未在此核对。' },
  { title: '国务院关于全面建立临时救助制度的通知', docNo: '国发〔2014〕47号', issuer: '国务院', date: '2014-10-03', portal: PORTALS.npcLaws, status: 'inForce' },
  { title: '国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见', docNo: '国发〔2015〕52号', issuer: '国务院', date: '2015-09-22', portal: PORTALS.npcLaws, status: 'inForce' },
  { title: '国务院关于进一步健全特困人员救助供养制度的意见', docNo: '国发〔2016〕14号', issuer: '国务院', date: '2016-02-10', portal: PORTALS.npcLaws, status: 'inForce' },
  { title: '国务院关于建立统一的城乡居民基本养老保险制度的意见', docNo: '国发〔2014〕8号', issuer: '国务院', date: '2014-02-21', portal: PORTALS.npcLaws, status: 'inForce' },
  { title: '国务院关于进一步优化政务服务提升行政效能推动“高效办成一件事”的指导意见', docNo: '国发〔2024〕3号', issuer: '国务院', date: '2024-01', portal: PORTALS.npcLaws, status: 'inForce' },
  { title: '国务院办公厅关于压缩不动产登记办理时间的通知', docNo: '国办发〔2019〕8号', issuer: '国务院办公厅', date: '2019-02', portal: PORTALS.govPolicy, status: 'inForce' },
  { title: '国务院办公厅关于支持多渠道灵活就业的意见', docNo: '国办发〔2020〕27号', issuer: '国务院办公厅', date: '2020-07', portal: PORTALS.govPolicy, status: 'inForce' },
  { title: '国务院办公厅关于健全基本医疗保险参保长效机制的指导意见', docNo: '国办发〔2024〕38号', issuer: '国务院办公厅', date: '2024-09', portal: PORTALS.govPolicy, status: 'inForce' },
  { title: '国务院办公厅关于建立健全职工基本医疗保险门诊共济保障机制的指导意见', docNo: '国办发〔2021〕14号', issuer: '国务院办公厅', date: '2021-04', portal: PORTALS.govPolicy, status: 'inForce' },
  { title: '国务院办公厅关于做好证明事项清理工作的通知', docNo: '国办发〔2018〕47号', issuer: '国务院办公厅', date: '2018-06', portal: PORTALS.govPolicy, status: 'inForce' },
  { title: '国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见', docNo: '国办发〔2020〕42号', issuer: '国务院办公厅', date: '2020-11', portal: PORTALS.govPolicy, status: 'inForce' },
  { title: '中共中央 国务院关于优化生育政策促进人口长期均衡发展的决定', docNo: '中发〔2021〕30号', issuer: '中共中央、国务院', date: '2021-06-26', portal: PORTALS.govPolicy, status: 'inForce', checkedFrom: '《四川省生育登记服务管理办法》第一条引用（2026-12-07 读）' },
  { title: '育儿补贴制度实施方案', issuer: '中共中央办公厅、国务院办公厅', date: '2025', portal: PORTALS.govPolicy, status: 'toVerify', note: '文号、发布日期和审核时限未在此核对。' },

  // Ministries.
  { title: '不动产登记资料查询暂行办法', issuer: '自然资源部', portal: PORTALS.mnr, status: 'toVerify', note: '文号和条文未在此核对。' },
  { title: '最低生活保障审核确认办法', issuer: '民政部', date: '2021', portal: PORTALS.mca, status: 'toVerify', note: '文号与审核确认时限未在此核对。' },
  { title: '特困人员认定办法', issuer: '民政部', date: '2021', portal: PORTALS.mca, status: 'toVerify', note: '2016年版（民发〔2016〕178号）于2021年修订；修订版文号与条文未在此核对。' },
  { title: '中华人民共和国残疾人证管理办法', issuer: '中国残疾人联合会', date: '2017', portal: PORTALS.cdpf, status: 'toVerify', note: '2017年修订；文号未在此核对。议题所引第九条（照片3张）、第十七条（评定和照片费用原则上由申请人负担）未能读到原文。' },
  { title: '残疾人残疾分类和分级', docNo: 'GB/T 26341—2010', issuer: '国家质量监督检验检疫总局、国家标准化管理委员会', status: 'inForce' },
  { title: '就业服务与就业管理规定', issuer: '人力资源社会保障部', portal: PORTALS.mohrss, status: 'toVerify', note: '多次修订；文号与条文未在此核对。' },
  { title: '就业补助资金管理办法', issuer: '财政部、人力资源社会保障部', portal: PORTALS.mohrss, status: 'toVerify', note: '文号未在此核对。' },
  { title: '领取社会保险待遇资格确认经办规程（暂行）', issuer: '人力资源社会保障部', portal: PORTALS.mohrss, status: 'toVerify', note: '文号未在此核对。' },
  {
    title: '实施〈中华人民共和国社会保险法〉若干规定',
    docNo: '人力资源和社会保障部令第13号',
    issuer: '人力资源社会保障部',
    date: '2011-06-29',
    effective: '2011-07-01',
    status: 'inForce',
    portal: PORTALS.mohrss,
    note: '第十三条列出“非因本人意愿中断就业”的情形，含劳动者依照劳动合同法第三十八条解除劳动合同。',
  },
  { title: '国家医保局 财政部关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知', docNo: '医保发〔2022〕22号', issuer: '国家医疗保障局、财政部', date: '2022-06', portal: PORTALS.govPolicy, status: 'inForce' },
  { title: '关于完善城乡居民高血压糖尿病门诊用药保障机制的指导意见', docNo: '医保发〔2019〕54号', issuer: '国家医疗保障局等', date: '2019-09', portal: PORTALS.nhsa, status: 'inForce' },
  { title: '基本医疗保险关系转移接续暂行办法', issuer: '国家医疗保障局、财政部', portal: PORTALS.nhsa, status: 'toVerify', note: '文号与各段办理时限未在此核对。' },
  { title: '财政部 民政部 全国老龄办关于建立健全经济困难的高龄 失能等老年人补贴制度的通知', docNo: '财社〔2014〕113号', issuer: '财政部、民政部、全国老龄办', date: '2014-09', portal: PORTALS.govPolicy, status: 'inForce' },
  { title: '关于改进和规范基层群众性自治组织出具证明工作的指导意见', issuer: '民政部等六部门', portal: PORTALS.mca, status: 'toVerify', note: '文号未在此核对。' },
  { title: '不应由基层群众性自治组织出具证明事项清单（第一批）', issuer: '民政部等六部门', portal: PORTALS.mca, status: 'toVerify', note: '随上述指导意见印发；文号未在此核对。' },
  { title: '公安机关办理犯罪记录查询工作规定', issuer: '公安部', portal: PORTALS.mps, status: 'toVerify', note: '文号与出具时限未在此核对。' },

  // Party documents (no 文号 in common citation).
  { title: '中国共产党章程', issuer: '中国共产党全国代表大会', date: '2022-10-22', portal: PORTALS.party, status: 'inForce', note: '党的二十大部分修改。' },
  { title: '中国共产党党员教育管理工作条例', issuer: '中共中央', date: '2019-05', portal: PORTALS.party, status: 'toVerify', note: '条文序号未在此核对。' },
  { title: '中国共产党发展党员工作细则', issuer: '中共中央办公厅', date: '2014-06', portal: PORTALS.party, status: 'toVerify', note: '条文序号未在此核对。' },

  // Provincial rules of the demo deployment (四川).
  {
    title: '四川省生育登记服务管理办法',
    docNo: '川卫规〔2022〕5号',
    issuer: '四川省卫生健康委员会',
    date: '2022-12-29',
    effective: '2023-02-15',
    expires: '2028-02-14',
    status: 'inForce',
    note: '有效期五年。取消了登记对象是否结婚和生育数量的限制：凡生育子女的公民，均应办理生育登记。适用于一方为四川户籍或持四川居住证的人口。',
    checkedFrom: '四川省卫生健康委员会印发通知全文（转载，2026-12-07 读）',
  },
];

/** The document a 《title》 or a source title refers to; tolerant of 《》 and spaces. */
export function findLaw(title: string, laws: readonly Law[] = LAWS): Law | undefined {
  const key = normalizeTitle(title);
  return laws.find((l) => normalizeTitle(l.title) === key);
}

export function normalizeTitle(title: string): string {
  return title.replace(/[《》〈〉\s]/g, '');
}

/** Every 《title》 named in a line of text (a matter's basis). */
export function citedTitles(text: string): string[] {
  return [...text.matchAll(/《([^》]+)》/g)].map((m) => m[1]);
}

/** Whether a document is in force on a date (YYYY-MM-DD): its status, its start, its end. */
export function lawInForceOn(law: Law, date: string): boolean {
  if (law.status === 'superseded' || law.status === 'repealed') return false;
  if (law.effective && law.effective.length === 10 && law.effective > date) return false;
  if (law.expires && law.expires < date) return false;
  return true;
}

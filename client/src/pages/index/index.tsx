import { View } from '@tarojs/components';
import { useDidShow, useLoad } from '@tarojs/taro';
import { useMemo, useState } from 'react';
import { categoriesWithCounts } from '@qgt/shared/catalog/summary';
import { searchAll } from '@qgt/shared/search/match';
import { matterMap, type CachedCatalog } from '../../catalog/cache';
import { prefetchMatter } from '../../catalog/matter';
import { featuredMatters, recentCodes } from '../../catalog/select';
import { useCatalog } from '../../catalog/useCatalog';
import CategoryGrid from '../../components/CategoryGrid';
import ElderToggle from '../../components/ElderToggle';
import IdentityPicker from '../../components/IdentityPicker';
import MatterList, { type MatterListItem } from '../../components/MatterList';
import Notice from '../../components/Notice';
import Page, { Loaded } from '../../components/Page';
import RoleEntries from '../../components/RoleEntries';
import SearchAnswers from '../../components/SearchAnswers';
import SearchBox from '../../components/SearchBox';
import { takeLaunchEntry } from '../../lib/entry';
import { openMatter, openPage, useRouteQuery } from '../../lib/nav';
import { noticeText } from '../../lib/notices';
import { prefetchListPages } from '../../lib/prefetch';
import Tap from '../../components/Tap';
import './index.scss';
import SectionTitle from '../../components/SectionTitle';

export default function Index() {
  const params = useRouteQuery('home');
  const { state, retry } = useCatalog();
  const [q, setQ] = useState('');
  const [launchNotice, setLaunchNotice] = useState<string | null>(null);
  const [dismissed, setDismissed] = useState(false);
  const [recent, setRecent] = useState<string[]>([]);

  useLoad(() => {
    const entry = takeLaunchEntry();
    if (entry.kind === 'matter') {
      prefetchMatter(entry.code);
      openMatter(entry.code);
    }
    else if (entry.kind === 'station') openPage('station', { code: entry.code });
    else if (entry.kind === 'notice') setLaunchNotice(noticeText(entry.notice));
  });
  useDidShow(() => {
    setRecent(recentCodes());
    prefetchListPages();
  });

  const notice = dismissed ? null : launchNotice ?? noticeText(params.notice, params.code);

  return (
    <Page>
      <View className='home__header'>
        <View>
          <View className='home__title'>社区办事指南</View>
          <View className='home__subtitle'>查事项、备材料、找地点</View>
        </View>
        <ElderToggle />
      </View>
      {notice ? <Notice tone='warn' text={notice} actionText='知道了' onAction={() => setDismissed(true)} /> : null}
      <SearchBox value={q} onChange={setQ} />
      {q.trim() ? null : <RoleEntries />}
      <Loaded state={state} onRetry={retry} loading='正在加载办事指南…'>
        {(data) => <GuideBody data={data} q={q} recent={recent} />}
      </Loaded>
      {process.env.TARO_ENV === 'h5' ? (
        <View className='home__footer'>
          <IdentityPicker />
        </View>
      ) : null}
    </Page>
  );
}

function GuideBody({ data, q, recent }: { data: CachedCatalog; q: string; recent: string[] }) {
  const { catalog, index } = data;
  const categoryNames = useMemo(() => new Map(catalog.categories.map((c) => [c.code, c.name])), [catalog]);
  const describe = (m: { code: string; title: string; category: string }): MatterListItem => ({
    code: m.code,
    title: m.title,
    desc: categoryNames.get(m.category),
  });
  const query = q.trim();
  const { results, answers } = useMemo(() => (query ? searchAll(index, query, 20) : { results: [], answers: [] }), [index, query]);

  if (query) {
    return (
      <View className='home__results'>
        <SearchAnswers answers={answers} />
        <SectionTitle>搜索结果（{results.length}）</SectionTitle>
        {results.length ? (
          <MatterList items={results.map(describe)} />
        ) : answers.length ? null : (
          <View className='block muted'>没有找到与“{query}”相关的事项，换个说法试试，如“低保”“退休认证”。</View>
        )}
      </View>
    );
  }

  const byCode = matterMap(catalog);
  const recentItems = recent.map((c) => byCode.get(c)).filter((m) => m !== undefined);
  return (
    <View>
      <SectionTitle>办事分类</SectionTitle>
      <CategoryGrid categories={categoriesWithCounts(catalog)} />
      {recentItems.length ? (
        <View>
          <SectionTitle>最近查看</SectionTitle>
          <MatterList items={recentItems.map(describe)} />
        </View>
      ) : null}
      {catalog.lifeEvents?.length ? (
        <View>
          <SectionTitle>一件事一次办</SectionTitle>
          <View className='cells'>
            {catalog.lifeEvents.map((e) => (
              <Tap key={e.code} className='cell life-event' onClick={() => openPage('event', { code: e.code })}>
                <View className='cell__body'>
                  <View className='cell__title'>{e.title}</View>
                  <View className='cell__desc'>{e.summary}</View>
                </View>
                <View className='cell__arrow'>›</View>
              </Tap>
            ))}
          </View>
        </View>
      ) : null}
      <SectionTitle>常办事项</SectionTitle>
      <MatterList items={featuredMatters(catalog).map(describe)} />
    </View>
  );
}

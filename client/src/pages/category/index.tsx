import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect } from 'react';
import { categoryName, mattersOfCategory } from '../../catalog/select';
import { useCatalog } from '../../catalog/useCatalog';
import MatterList from '../../components/MatterList';
import Notice from '../../components/Notice';
import Page from '../../components/Page';
import { goHome, useRouteQuery } from '../../lib/nav';
import SectionTitle from '../../components/SectionTitle';

/** The matters of one category. */
export default function CategoryPage() {
  const code = useRouteQuery('category').code;
  const { state, retry } = useCatalog();
  const name = state.status === 'ready' ? categoryName(state.data.catalog, code) : '';

  useEffect(() => {
    if (name) void Taro.setNavigationBarTitle({ title: name });
  }, [name]);

  return (
    <Page state={state} onRetry={retry} loading='正在加载办事指南…'>
      {({ catalog }) => {
        const matters = mattersOfCategory(catalog, code);
        return name ? (
          <View>
            <SectionTitle>
              {name} · 共{matters.length}项
            </SectionTitle>
            <MatterList items={matters.map((m) => ({ code: m.code, title: m.title, desc: m.summary }))} />
          </View>
        ) : (
          <Notice tone='warn' text='未找到该分类，可能已调整。' actionText='返回首页' onAction={() => goHome()} />
        );
      }}
    </Page>
  );
}

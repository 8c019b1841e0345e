import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { errorMessage, isApiError, withHint } from '../../api/errors';
import { loadMatter, type MatterView as Matter } from '../../catalog/matter';
import { rememberRecent } from '../../catalog/select';
import { useCatalog } from '../../catalog/useCatalog';
import Page from '../../components/Page';
import { matterPageTarget } from '../../lib/entry';
import { goHome } from '../../lib/nav';
import { sharePath } from '../../lib/share';
import MatterDetail from './MatterDetail';

type MatterView =
  | { status: 'loading' }
  | { status: 'ready'; data: Matter }
  | { status: 'error'; message: string };

/** Matter detail, opened from a link (`code=`) or a mini-program code (`scene=m%3D<code>`). */
export default function MatterPage() {
  const { params } = useRouter();
  const target = useMemo(() => matterPageTarget(params), [params]);
  const code = target.kind === 'matter' ? target.code : '';
  const { state: catalog } = useCatalog();
  const [view, setView] = useState<MatterView>({ status: 'loading' });

  const load = useCallback(async () => {
    if (target.kind !== 'matter') {
      goHome({ kind: target.kind === 'notice' ? target.notice : 'not-found', code: params.code });
      return;
    }
    setView({ status: 'loading' });
    try {
      const matter = await loadMatter(target.code);
      setView({ status: 'ready', data: matter });
      rememberRecent(matter.code);
      void Taro.setNavigationBarTitle({ title: matter.title });
    } catch (e) {
      if (isApiError(e) && (e.code === 'NOT_FOUND' || e.code === 'BAD_REQUEST')) goHome({ kind: 'not-found', code: target.code });
      else setView({ status: 'error', message: withHint(errorMessage(e), '该事项尚未保存到本机，联网后即可查看。') });
    }
  }, [target, params.code]);

  useEffect(() => {
    void load();
  }, [load]);

  useShareAppMessage(() => ({
    title: view.status === 'ready' ? `${view.data.title}·办事指南` : '全岗通·办事指南',
    path: sharePath(code),
  }));

  return (
    <Page state={view} onRetry={() => void load()} loading='正在打开事项…'>
      {(matter) => <MatterDetail matter={matter} catalog={catalog.status === 'ready' ? catalog.data.catalog : undefined} />}
    </Page>
  );
}

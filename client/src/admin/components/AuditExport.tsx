import { View } from '@tarojs/components';
import { useState } from 'react';
import { callFunction } from '../../api/call';
import Notice from '../../components/Notice';
import Tap from '../../components/Tap';
import { openPage } from '../../lib/nav';
import { useRemote } from '../../lib/useRemote';
import { useSubmit } from '../../lib/useSubmit';
import { downloadCsv } from './exportCsv';

/** The audit CSV of a window; the file name says which. */
export function auditCsvPath(from: string, to: string): { path: string; filename: string } {
  const q = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  return { path: `/admin/export/audit.csv?${q}`, filename: `audit-${from}-${to}.csv` };
}

/**
 * 导出审计记录 (H5, 街道 and district admins only, as the route allows) and, with `link`, the way to
 * the audit search (both targets): the admin's level comes from communities.list, so a community
 * admin never sees a button that would answer 403.
 */
export default function AuditExport({ from, to, link }: { from: string; to: string; link?: boolean }) {
  const h5 = process.env.TARO_ENV === 'h5';
  const scope = useRemote(() => (h5 || link ? callFunction('admin', 'communities.list', {}) : Promise.resolve(undefined)), []);
  const { busy, run } = useSubmit();
  const [error, setError] = useState('');
  if (scope.state.status !== 'ready' || !scope.state.data || scope.state.data.level === 'community') return null;
  const get = () =>
    run(async () => {
      setError('');
      try {
        const { path, filename } = auditCsvPath(from, to);
        await downloadCsv(path, filename);
      } catch (e) {
        setError(e instanceof Error ? e.message : '导出失败');
      }
    });
  return (
    <View>
      <View className='admin-links'>
        {link ? (
          <Tap role='link' className='btn btn--plain audit--open' onClick={() => openPage('audit', { from, to })}>
            操作审计
          </Tap>
        ) : null}
        {h5 ? (
          <Tap className={`btn btn--plain export--audit${busy ? ' btn--disabled' : ''}`} onClick={busy ? undefined : () => void get()}>
            导出审计记录
          </Tap>
        ) : null}
      </View>
      {error ? <Notice tone='error' text={error} /> : null}
    </View>
  );
}

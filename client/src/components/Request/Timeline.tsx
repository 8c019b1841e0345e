import { View } from '@tarojs/components';
import { routeReasonText } from '@qgt/shared/vocabulary/routing';
import type { TimelineItem } from '@qgt/shared/requests/views';
import { eventLabel } from '../../lib/requestLabels';
import { whenLabel } from '../../lib/time';
import './index.scss';

interface Props {
  items: TimelineItem[];
  /** openid → name, for "by" (staff views); residents see no names. */
  names?: Record<string, string>;
}

/** Staff detail of an entry (handoff sheet, department, reasons) as short lines. */
function detailLines(item: TimelineItem, names: Record<string, string>): string[] {
  const d = item.detail ?? {};
  const who = (v: unknown) => (typeof v === 'string' ? names[v] ?? v : '');
  const lines: string[] = [];
  if (item.type === 'transfer') {
    lines.push(`转交：${who(d.from)} → ${who(d.to)}`);
    if (d.reason) lines.push(`原因：${String(d.reason)}`);
    if (d.done) lines.push(`已办：${String(d.done)}`);
    if (d.pending) lines.push(`待办：${String(d.pending)}`);
  } else if (item.type === 'escalate') {
    if (d.department) lines.push(`部门：${String(d.department)}`);
    if (d.reason) lines.push(`原因：${String(d.reason)}`);
  } else if (item.type === 'returnFromDepartment' && d.answer) {
    lines.push(`答复：${String(d.answer)}`);
  } else if (item.type === 'create' && (d.routeCode || d.route)) {
    // New entries carry the code; older ones their words.
    lines.push(`分派：${d.routeCode ? routeReasonText(String(d.routeCode)) : String(d.route)}`);
  }
  return lines;
}

/** The request's history, newest last. Internal entries are marked (staff only ever get them). */
export default function Timeline({ items, names }: Props) {
  const n = items.length;
  return (
    <View className='timeline'>
      {items.map((item, i) => {
        const internal = item.visibility === 'internal';
        const cls = `timeline__item${i === n - 1 ? ' timeline__item--latest' : ''}${internal ? ' timeline__item--internal' : ''}`;
        const by = names?.[item.by];
        return (
          <View key={`${item.at}-${i}`} className={cls}>
            <View className='timeline__dot' />
            <View className='timeline__type'>
              {eventLabel(item.type)}
              {internal ? '（仅工作人员可见）' : ''}
            </View>
            {item.note ? <View className='timeline__note'>{item.note}</View> : null}
            {names
              ? detailLines(item, names).map((line) => (
                  <View key={line} className='timeline__detail'>
                    {line}
                  </View>
                ))
              : null}
            <View className='timeline__at'>
              {whenLabel(item.at)}
              {by ? ` · ${by}` : ''}
            </View>
          </View>
        );
      })}
    </View>
  );
}

import { View } from '@tarojs/components';
import { useState, type ReactNode } from 'react';
import Field from '../../components/Form/Field';
import Tap from '../../components/Tap';
import { a11yProps } from '../../lib/a11y';
import { ariaSortOf, nextSort, tableRows, type ColumnDef, type SortState } from '../../lib/table';
import './DataTable.scss';

export interface TableColumn<T> extends ColumnDef<T> {
  /** The cell's content when it is more than its text (a link, a button). */
  render?: (row: T) => ReactNode;
}

interface Props<T> {
  /** Class hook for tests: `data-table--<name>`. */
  name: string;
  rows: readonly T[];
  columns: readonly TableColumn<T>[];
  rowKey: (row: T) => string;
  /** Opens a row (its first cell becomes a link). */
  onOpen?: (row: T) => void;
  initialSort?: SortState;
  /** The view kept by the page (in its URL, lib/useTableView.ts); without it the table keeps its own. */
  view?: { sort?: SortState; q: string; setSort: (sort: SortState | undefined) => void; setQuery: (q: string) => void };
}

/**
 * A PC table: a text filter over every column and headers that sort (buttons with aria-sort, so a
 * screen reader says which way it is sorted and the keyboard can press them).
 */
export default function DataTable<T>({ name, rows, columns, rowKey, onOpen, initialSort, view }: Props<T>) {
  const [ownQuery, setOwnQuery] = useState('');
  const [ownSort, setOwnSort] = useState<SortState | undefined>(initialSort);
  const query = view ? view.q : ownQuery;
  const setQuery = view ? view.setQuery : setOwnQuery;
  const sort = view ? view.sort : ownSort;
  const setSort = view ? view.setSort : setOwnSort;
  const shown = tableRows(rows, columns, query, sort);
  return (
    <View className={`data-table data-table--${name}`}>
      <View className='cells data-table__filter'>
        <Field name='table-filter' label='筛选' placeholder='输入关键词，空格分隔' maxlength={60} value={query} onChange={setQuery} />
      </View>
      <View className='muted data-table__count' {...a11yProps({ role: 'status', live: 'polite' })}>
        {query.trim() ? `筛选出 ${shown.length} / ${rows.length} 条` : `共 ${rows.length} 条`}
      </View>
      <View className='data-table__table' {...a11yProps({ role: 'table', label: name })}>
        <View className='data-table__row data-table__head' {...a11yProps({ role: 'row' })}>
          {columns.map((c) => {
            const state = ariaSortOf(sort, c.key);
            return (
              <Tap key={c.key} role='columnheader' sort={state} className={`data-table__th data-table__th--${c.key}`} onClick={() => setSort(nextSort(sort, c.key))}>
                {c.label}
                <View className='data-table__arrow' {...a11yProps({ hidden: true })}>
                  {state === 'ascending' ? '▲' : state === 'descending' ? '▼' : '↕'}
                </View>
              </Tap>
            );
          })}
        </View>
        {shown.map((row) => (
            <View key={rowKey(row)} className='data-table__row' {...a11yProps({ role: 'row' })}>
              {columns.map((c, i) => (
                <View key={c.key} className={`data-table__td data-table__td--${c.key}`} {...a11yProps({ role: 'cell' })}>
                  {i === 0 && onOpen ? (
                    <Tap role='link' className='link data-table__open' onClick={() => onOpen(row)}>
                      {c.render ? c.render(row) : c.text(row)}
                    </Tap>
                  ) : c.render ? (
                    c.render(row)
                  ) : (
                    c.text(row)
                  )}
                </View>
              ))}
            </View>
        ))}
      </View>
      {!shown.length ? <View className='block muted data-table__empty'>没有符合筛选的记录</View> : null}
    </View>
  );
}

// The pieces of list pages: the filter form's buttons, the pager of a list the server pages, and a
// named table that stays reachable by keyboard when it scrolls. Kept out of ui.tsx so the shell (the
// sign-in page and the layout) does not load antd's Table at start.
import { SearchOutlined, UndoOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Table, type TablePaginationConfig, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import { FocusableScroll } from './FocusableScroll.tsx';

/** The 查询 (submit) and 重置 buttons under a filter form. */
export function FilterButtons({ onReset }: { onReset: () => void }) {
  return (
    <Flex gap={8}>
      <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
        查询
      </Button>
      <Button icon={<UndoOutlined />} onClick={onReset}>
        重置
      </Button>
    </Flex>
  );
}

/**
 * The pager of a list the server pages: "共 N 件", 20/50/100 a page, and back to page 1 when the page
 * size changes (the old page number means nothing at the new size).
 */
export function pager({
  page,
  pageSize,
  total,
  unit,
  onChange,
}: {
  page: number;
  pageSize: number;
  total: number | undefined;
  /** The measure word after the count: 件, 项, 条, 张 … */
  unit: string;
  onChange: (page: number, pageSize: number) => void;
}): TablePaginationConfig {
  return {
    current: page,
    pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [20, 50, 100],
    showTotal: (t) => `共 ${t} ${unit}`,
    onChange: (p, size) => onChange(size !== pageSize ? 1 : p, size),
  };
}

/**
 * A list table: its name for assistive technology, an empty text, and (when it scrolls sideways)
 * a keyboard-reachable scroll region.
 */
export function ListTable<T extends object>({
  label,
  empty,
  ...props
}: Omit<TableProps<T>, 'aria-label' | 'locale'> & { label: string; empty: ReactNode }) {
  return (
    <FocusableScroll label={label}>
      <Table<T>
        size="middle"
        {...props}
        aria-label={label}
        locale={{ emptyText: <Empty description={empty} /> }}
      />
    </FocusableScroll>
  );
}

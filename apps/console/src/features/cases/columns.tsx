// Table columns the case lists share (办件查询, 待办事项, the supervision tabs, 好差评): the case
// number linking to the case, the item or subject with a line of detail, the handling unit, a
// deadline with its level and the time left, and a case named with its subject under it.
import { Flex, type TableColumnType, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Level } from './api.ts';
import { DeadlineCell } from './deadline.tsx';

export function caseUrl(caseId: string): string {
  return `/cases/${encodeURIComponent(caseId)}`;
}

export function caseNumberColumn<T>(ref: (r: T) => { id: string; number: string }): TableColumnType<T> {
  return {
    title: '办件编号',
    key: 'number',
    width: 200,
    render: (_, r) => {
      const c = ref(r);
      return <Link to={caseUrl(c.id)}>{c.number}</Link>;
    },
  };
}

/** The subject with a secondary line (the case type, the applicant, the current steps …). */
export function subjectColumn<T>(subject: (r: T) => string, detail: (r: T) => ReactNode): TableColumnType<T> {
  return {
    title: '事项 / 主题',
    key: 'subject',
    render: (_, r) => (
      <Flex vertical gap={2}>
        <Typography.Text>{subject(r)}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {detail(r)}
        </Typography.Text>
      </Flex>
    ),
  };
}

export function orgColumn<T extends { orgName?: string | null }>(width = 170): TableColumnType<T> {
  return {
    title: '承办单位',
    dataIndex: 'orgName',
    key: 'org',
    width,
    render: (v: string | null | undefined) => v ?? '—',
  };
}

/** A due date with its level tag and the time left; `empty` when there is no date (yet). */
export function deadlineColumn<T>(o: {
  title: string;
  key: string;
  width: number;
  due: (r: T) => string | null | undefined;
  level: (r: T) => Level | null | undefined;
  remaining: (r: T) => string | null;
  finished?: (r: T) => boolean;
  paused?: (r: T) => boolean;
  empty?: ReactNode;
}): TableColumnType<T> {
  return {
    title: o.title,
    key: o.key,
    width: o.width,
    render: (_, r) =>
      o.due(r) ? (
        <DeadlineCell
          due={o.due(r)}
          level={o.level(r)}
          remaining={o.remaining(r)}
          finished={o.finished?.(r)}
          paused={o.paused?.(r)}
        />
      ) : (
        (o.empty ?? '—')
      ),
  };
}

/** A case named by its number (a link) with its subject under it. */
export function CaseRef({ id, number, subject }: { id: string; number: string; subject: string }) {
  return (
    <Flex vertical gap={2}>
      <Link to={caseUrl(id)}>{number}</Link>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {subject}
      </Typography.Text>
    </Flex>
  );
}

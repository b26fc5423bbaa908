// Pieces of the editors that edit definitions as data (the process designer, the form editor, the
// service item editor): a labelled control outside antd's form store, and the move/delete buttons
// of a row in an ordered list.
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { Button, Form, Space, Tooltip } from 'antd';
import { type ReactNode, useId } from 'react';

/** A labelled control: the label points at the control through an id; `error` shows under it. */
export function Field({
  label,
  help,
  required,
  error,
  children,
}: {
  label: ReactNode;
  help?: ReactNode;
  required?: boolean;
  error?: string | null;
  children: (id: string) => ReactNode;
}) {
  const id = useId();
  return (
    <Form.Item
      label={label}
      htmlFor={id}
      extra={help}
      required={required}
      validateStatus={error ? 'error' : undefined}
      help={error ?? undefined}
      style={{ marginBottom: 12 }}
    >
      {children(id)}
    </Form.Item>
  );
}

/**
 * 上移 / 下移 / 删除 for row `index` of `count`, named for screen readers ("上移第 2 项材料").
 * Without `onMove` only the delete button shows.
 */
export function MoveButtons({
  name,
  index,
  count,
  onMove,
  onRemove,
}: {
  name: string;
  index: number;
  count: number;
  onMove?: (d: -1 | 1) => void;
  onRemove: () => void;
}) {
  return (
    <Space size={0}>
      {onMove ? (
        <>
          <Tooltip title="上移">
            <Button
              type="text"
              size="small"
              icon={<ArrowUpOutlined />}
              aria-label={`上移${name}`}
              disabled={index === 0}
              onClick={() => onMove(-1)}
            />
          </Tooltip>
          <Tooltip title="下移">
            <Button
              type="text"
              size="small"
              icon={<ArrowDownOutlined />}
              aria-label={`下移${name}`}
              disabled={index === count - 1}
              onClick={() => onMove(1)}
            />
          </Tooltip>
        </>
      ) : null}
      <Tooltip title="删除">
        <Button
          type="text"
          size="small"
          danger
          icon={<DeleteOutlined />}
          aria-label={`删除${name}`}
          onClick={onRemove}
        />
      </Tooltip>
    </Space>
  );
}

/** A copy of `list` with item `i` moved one place up (-1) or down (1). */
export function moveItem<T>(list: readonly T[], i: number, d: -1 | 1): T[] {
  const next = [...list];
  const [x] = next.splice(i, 1);
  if (x !== undefined) next.splice(i + d, 0, x);
  return next;
}

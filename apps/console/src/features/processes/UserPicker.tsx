// Picks a named staff member as a step's handler. Searching needs user.read; an administrator
// without it (a 事项管理员 usually) enters the person's user id, which the server checks on save.
import { Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { userApi } from '../../api/endpoints.ts';
import type { UserRow } from '../../api/types.ts';
import { useAuth } from '../../app/auth.tsx';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function UserPicker({
  id,
  value,
  onChange,
}: {
  id?: string;
  value: string | undefined;
  onChange: (userId: string | undefined) => void;
}) {
  const { can } = useAuth();
  const canSearch = can('user.read');
  const [q, setQ] = useState('');
  const [users, setUsers] = useState<UserRow[]>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (!canSearch) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      userApi
        .list({ q: q || undefined, page: 1, pageSize: 20 }, controller.signal)
        .then((page) => setUsers(page.items.filter((u) => u.kind === 'staff')))
        .catch(() => setUsers([]))
        .finally(() => {
          if (!controller.signal.aborted) setLoading(false);
        });
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q, canSearch]);

  if (!canSearch) {
    return (
      <Input
        id={id}
        value={value ?? ''}
        placeholder="人员的用户标识（UUID）"
        status={value && !UUID.test(value) ? 'error' : undefined}
        onChange={(e) => onChange(e.target.value.trim() || undefined)}
      />
    );
  }
  const options = users.map((u) => ({
    value: u.id,
    label: `${u.displayName}（${u.username}${u.orgName ? `，${u.orgName}` : ''}）`,
  }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: value });
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={loading}
      placeholder="输入姓名或用户名搜索"
      value={value}
      onChange={(v?: string) => onChange(v)}
      allowClear
      options={options}
      notFoundContent={loading ? '正在搜索…' : '没有匹配的人员'}
    />
  );
}

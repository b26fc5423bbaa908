// Picks the person whose actions to show, searching GET /users by name or username (the audit
// administrator holds user.read for exactly this). The value is the user id.
import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { userApi } from '../../api/endpoints.ts';

interface Option {
  value: string;
  label: string;
}

export function ActorSelect({
  id,
  value,
  onChange,
  knownNames,
}: {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  /** Names of actors already seen in the log, for a value set by clicking a row. */
  knownNames: ReadonlyMap<string, string>;
}) {
  const [options, setOptions] = useState<Option[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  const latest = useRef(0);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const search = (text: string) => {
    window.clearTimeout(timer.current);
    const q = text.trim();
    if (!q) return;
    timer.current = window.setTimeout(async () => {
      const ticket = ++latest.current;
      setLoading(true);
      try {
        const page = await userApi.list({ q, page: 1, pageSize: 20 });
        if (ticket === latest.current) {
          setOptions(page.items.map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` })));
        }
      } catch {
        if (ticket === latest.current) setOptions([]);
      } finally {
        if (ticket === latest.current) setLoading(false);
      }
    }, 300);
  };

  const merged =
    value && !options.some((o) => o.value === value)
      ? [{ value, label: knownNames.get(value) ?? value }, ...options]
      : options;

  return (
    <Select<string>
      id={id}
      showSearch={{ filterOption: false, onSearch: search }}
      allowClear
      value={value}
      onChange={(v) => onChange?.(v)}
      options={merged}
      loading={loading}
      placeholder="输入姓名或用户名搜索"
      notFoundContent={loading ? '正在搜索…' : '输入姓名或用户名搜索'}
    />
  );
}

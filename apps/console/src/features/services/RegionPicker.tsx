// 行政区划 picker for the form preview: a cascader that loads each level from
// GET /public/regions?parent=…; the value is the chosen code (6 or 9 digits).
import { Cascader } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client.ts';
import { serviceApi } from './api.ts';

interface Option {
  value: string;
  label: string;
  isLeaf?: boolean;
  children?: Option[];
  loading?: boolean;
}

/** Codes from the root to `code`, by prefix (省 xx0000, 市 xxxx00, 县 xxxxxx, 乡 9 digits). */
function pathOf(code: string | undefined): string[] {
  if (!code) return [];
  const out: string[] = [];
  const province = `${code.slice(0, 2)}0000`;
  const city = `${code.slice(0, 4)}00`;
  const county = code.slice(0, 6);
  out.push(province);
  if (city !== province) out.push(city);
  if (county !== city) out.push(county);
  if (code.length === 9) out.push(code);
  return out;
}

export function RegionPicker({
  id,
  value,
  onChange,
  disabled,
}: {
  id?: string;
  value?: string;
  onChange?: (code: string | undefined) => void;
  disabled?: boolean;
}) {
  const [options, setOptions] = useState<Option[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    serviceApi.regions(undefined, controller.signal).then(
      (r) => setOptions(r.items.map((x) => ({ value: x.code, label: x.name, isLeaf: x.code.length === 9 }))),
      (e: unknown) => {
        if (!controller.signal.aborted) setError(errorMessage(e));
      },
    );
    return () => controller.abort();
  }, []);

  const loadData = async (selected: Option[]) => {
    const target = selected[selected.length - 1];
    if (!target) return;
    target.loading = true;
    setOptions((o) => [...o]);
    try {
      const r = await serviceApi.regions(target.value);
      target.children = r.items.map((x) => ({ value: x.code, label: x.name, isLeaf: x.code.length === 9 }));
      if (target.children.length === 0) target.isLeaf = true;
    } catch (e) {
      setError(errorMessage(e));
      target.isLeaf = true;
    } finally {
      target.loading = false;
      setOptions((o) => [...o]);
    }
  };

  return (
    <Cascader<Option>
      id={id}
      disabled={disabled}
      options={options}
      loadData={loadData}
      changeOnSelect
      value={pathOf(value)}
      onChange={(path) => onChange?.(path && path.length > 0 ? String(path[path.length - 1]) : undefined)}
      placeholder={error ? `无法加载行政区划：${error}` : '请选择行政区划'}
      status={error ? 'warning' : undefined}
      displayRender={(labels) => labels.join(' / ')}
    />
  );
}

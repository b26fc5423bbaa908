// The application form as the applicant will see it, rendered live from the definition being
// edited: conditional fields appear and disappear as values change, repeating groups add and remove
// rows, and 校验 sends the entered values to the server's validator (POST /forms/validate), whose
// problems land on the fields.
import { CheckCircleOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Empty,
  Flex,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Radio,
  type FormRule as Rule,
  Select,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { type ReactNode, useMemo, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../../api/client.ts';
import { serviceApi } from './api.ts';
import {
  cleanForm,
  type FormDefinition,
  type FormField,
  type FormProblem,
  GROUP_MAX_ROWS,
  isChoice,
  isVisible,
  PREFILL_KIND_NAMES,
  TEXT_MAX_DEFAULT,
  TEXTAREA_MAX_DEFAULT,
} from './formTypes.ts';
import { RegionPicker } from './RegionPicker.tsx';

type Values = Record<string, unknown>;

function isDayjs(v: unknown): v is Dayjs {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Dayjs).format === 'function' &&
    typeof (v as Dayjs).isValid === 'function'
  );
}

/** The value a field sends, or undefined when it is empty. */
function toData(f: FormField, v: unknown): unknown {
  if (v === undefined || v === null) return undefined;
  switch (f.type) {
    case 'date':
      return isDayjs(v) && v.isValid() ? v.format('YYYY-MM-DD') : undefined;
    case 'number':
      return typeof v === 'number' ? v : undefined;
    case 'checkbox':
      return Array.isArray(v) && v.length > 0 ? v : undefined;
    case 'address': {
      const a = v as { region?: string; detail?: string };
      if (!a.region && !a.detail?.trim()) return undefined;
      return { region: a.region ?? '', detail: a.detail ?? '' };
    }
    case 'group': {
      if (!Array.isArray(v)) return undefined;
      return v.map((row) => collect(f.fields ?? [], (row ?? {}) as Values, null));
    }
    default:
      return typeof v === 'string' && v !== '' ? v : undefined;
  }
}

/** The visible fields' values, in the shape the server validates (hidden fields dropped). */
function collect(fields: FormField[], level: Values, top: Values | null): Values {
  const out: Values = {};
  for (const f of fields) {
    if (!f.key) continue;
    if (!isVisible(f, fields, level, top ?? level)) continue;
    const v = toData(f, level[f.key]);
    if (v !== undefined) out[f.key] = v;
  }
  return out;
}

function collectForm(def: FormDefinition, values: Values): Values {
  const all = def.sections.flatMap((s) => s.fields);
  const out: Values = {};
  for (const f of all) {
    if (!f.key || !isVisible(f, all, values, values)) continue;
    const v = f.type === 'group' ? toGroupData(f, values) : toData(f, values[f.key]);
    if (v !== undefined) out[f.key] = v;
  }
  return out;
}

function toGroupData(f: FormField, top: Values): unknown {
  const rows = top[f.key];
  if (!Array.isArray(rows)) return undefined;
  const subs = f.fields ?? [];
  return rows.map((row) => {
    const level = (row ?? {}) as Values;
    const out: Values = {};
    for (const s of subs) {
      if (!s.key || !isVisible(s, subs, level, top)) continue;
      const v = toData(s, level[s.key]);
      if (v !== undefined) out[s.key] = v;
    }
    return out;
  });
}

/** "form.employees[1].name" → ['employees', 1, 'name']. */
function namePath(field: string): (string | number)[] {
  return field
    .replace(/^(form|data)\.?/, '')
    .split(/[.[\]]/)
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function rulesFor(f: FormField): Rule[] {
  const rules: Rule[] = [];
  if (f.required) {
    const verb = isChoice(f.type) || f.type === 'region' || f.type === 'date' ? '请选择' : '请填写';
    rules.push({ required: true, message: `${verb}${f.label || f.key}` });
  }
  if (f.type === 'email') rules.push({ type: 'email', message: '电子邮箱格式不正确' });
  return rules;
}

function extraFor(f: FormField): ReactNode {
  const parts: string[] = [];
  if (f.help) parts.push(f.help);
  if (f.prefill) parts.push(`申请人登录后自动填入“${PREFILL_KIND_NAMES[f.prefill]}”`);
  return parts.length > 0 ? parts.join('。') : undefined;
}

function Control({
  f,
  id,
  ...rest
}: {
  f: FormField;
  id?: string;
  value?: unknown;
  onChange?: (v: unknown) => void;
}) {
  const common = { id, placeholder: f.placeholder, ...rest } as Record<string, unknown>;
  const options = (f.options ?? []).map((o) => ({ value: o.value, label: o.label || o.value }));
  switch (f.type) {
    case 'textarea':
      return (
        <Input.TextArea {...common} rows={3} maxLength={f.maxLength ?? TEXTAREA_MAX_DEFAULT} showCount />
      );
    case 'number':
      return (
        <InputNumber
          {...common}
          min={f.min}
          max={f.max}
          precision={f.integer ? 0 : undefined}
          suffix={f.unit}
          style={{ width: '100%', maxWidth: 240 }}
        />
      );
    case 'date':
      return <DatePicker {...common} format="YYYY-MM-DD" style={{ width: 200 }} />;
    case 'select':
      return <Select {...common} allowClear options={options} placeholder={f.placeholder ?? '请选择'} />;
    case 'radio':
      return <Radio.Group {...common} options={options} />;
    case 'checkbox':
      return <Checkbox.Group {...common} options={options} />;
    case 'region':
      return <RegionPicker {...(common as { id?: string })} />;
    case 'id_number':
      return <Input {...common} maxLength={18} autoComplete="off" />;
    case 'credit_code':
      return <Input {...common} maxLength={18} autoComplete="off" />;
    case 'phone':
      return <Input {...common} maxLength={20} inputMode="tel" autoComplete="tel" />;
    case 'email':
      return <Input {...common} maxLength={100} inputMode="email" autoComplete="email" />;
    default:
      return <Input {...common} maxLength={f.maxLength ?? TEXT_MAX_DEFAULT} />;
  }
}

function FieldItem({
  f,
  name,
  fieldKey,
}: {
  f: FormField;
  /** Name path inside the form (or inside a Form.List row). */
  name: (string | number)[];
  fieldKey: string;
}) {
  if (f.type === 'address') {
    return (
      <Form.Item
        label={f.label || f.key}
        required={f.required}
        extra={extraFor(f)}
        style={{ marginBottom: 16 }}
      >
        <Flex gap={8} wrap>
          <Form.Item
            name={[...name, 'region']}
            noStyle
            rules={f.required ? [{ required: true, message: `请选择${f.label}所在地区` }] : []}
          >
            <RegionPicker id={`${fieldKey}-region`} />
          </Form.Item>
          <Form.Item
            name={[...name, 'detail']}
            noStyle
            rules={f.required ? [{ required: true, message: `请填写${f.label}详细地址` }] : []}
          >
            <Input
              aria-label={`${f.label}详细地址`}
              placeholder="街道、门牌号"
              style={{ flex: 1, minWidth: 200 }}
            />
          </Form.Item>
        </Flex>
      </Form.Item>
    );
  }
  return (
    <Form.Item label={f.label || f.key} name={name} rules={rulesFor(f)} extra={extraFor(f)}>
      <Control f={f} />
    </Form.Item>
  );
}

function GroupItem({ f, top }: { f: FormField; top: Values }) {
  const subs = (f.fields ?? []).filter((s) => s.key);
  const max = Math.min(f.maxItems ?? GROUP_MAX_ROWS, GROUP_MAX_ROWS);
  const min = f.minItems ?? 0;
  const rows = Array.isArray(top[f.key]) ? (top[f.key] as Values[]) : [];
  return (
    <fieldset
      style={{ border: '1px solid #e5e7eb', borderRadius: 6, padding: '8px 12px 4px', marginBottom: 16 }}
    >
      <legend style={{ fontSize: 14, width: 'auto', padding: '0 4px', margin: 0, border: 0 }}>
        {f.required ? <span style={{ color: '#b91c1c' }}>* </span> : null}
        {f.label || f.key}
        <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
          {min > 0 ? `至少 ${min} 条，` : ''}最多 {max} 条
        </Typography.Text>
      </legend>
      {f.help ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
          {f.help}
        </Typography.Paragraph>
      ) : null}
      <Form.List name={f.key}>
        {(items, { add, remove }, { errors }) => (
          <>
            {items.map((item, i) => {
              const level = rows[i] ?? {};
              return (
                <Card
                  key={item.key}
                  size="small"
                  style={{ marginBottom: 8 }}
                  title={`第 ${i + 1} 条`}
                  extra={
                    <Button
                      type="text"
                      size="small"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={`删除${f.label}第 ${i + 1} 条`}
                      disabled={items.length <= min}
                      onClick={() => remove(item.name)}
                    />
                  }
                >
                  {subs.map((s) =>
                    isVisible(s, subs, level, top) ? (
                      <FieldItem
                        key={s.key}
                        f={s}
                        name={[item.name, s.key]}
                        fieldKey={`${f.key}-${i}-${s.key}`}
                      />
                    ) : null,
                  )}
                </Card>
              );
            })}
            <Form.ErrorList errors={errors} />
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({})}
              disabled={items.length >= max}
              style={{ marginBottom: 8 }}
            >
              添加一条{f.label}
            </Button>
          </>
        )}
      </Form.List>
    </fieldset>
  );
}

function initialValues(def: FormDefinition): Values {
  const out: Values = {};
  for (const s of def.sections)
    for (const f of s.fields)
      if (f.type === 'group' && f.key) {
        const n = Math.min(Math.max(1, f.minItems ?? 0), f.maxItems ?? GROUP_MAX_ROWS);
        out[f.key] = Array.from({ length: n }, () => ({}));
      }
  return out;
}

function PreviewForm({ definition, form }: { definition: FormDefinition; form: FormInstance<Values> }) {
  const values = (Form.useWatch((v: Values) => v, { form, preserve: true }) ?? {}) as Values;
  const all = definition.sections.flatMap((s) => s.fields);
  return (
    <>
      {definition.sections.map((s, si) => (
        <section key={s.key || `s${si}`} aria-label={s.title || `第 ${si + 1} 部分`}>
          <Typography.Title level={3} style={{ fontSize: 16, margin: '4px 0 12px' }}>
            {s.title || '（未命名分组）'}
          </Typography.Title>
          {s.fields.map((f, fi) => {
            if (!f.key) return null;
            if (!isVisible(f, all, values, values)) return null;
            return f.type === 'group' ? (
              <GroupItem key={f.key} f={f} top={values} />
            ) : (
              <FieldItem key={f.key || `f${fi}`} f={f} name={[f.key]} fieldKey={f.key} />
            );
          })}
        </section>
      ))}
    </>
  );
}

export function FormPreview({ definition }: { definition: FormDefinition }) {
  const [form] = Form.useForm<Values>();
  const [result, setResult] = useState<{ ok: boolean; problems: FormProblem[]; definition: boolean } | null>(
    null,
  );
  const [error, setError] = useState<unknown>(null);
  const [checking, setChecking] = useState(false);
  const marked = useRef<(string | number)[][]>([]);

  // A change of structure (keys or types) starts the preview afresh: old values may not fit.
  const signature = useMemo(
    () =>
      JSON.stringify(
        definition.sections.map((s) =>
          s.fields.map((f) => [f.key, f.type, (f.fields ?? []).map((x) => [x.key, x.type]), f.minItems]),
        ),
      ),
    [definition],
  );

  const check = async () => {
    setChecking(true);
    setError(null);
    setResult(null);
    form.setFields(marked.current.map((name) => ({ name, errors: [] })));
    marked.current = [];
    try {
      const data = collectForm(definition, form.getFieldsValue(true) as Values);
      const answer = await serviceApi.validateForm(cleanForm(definition), data);
      if (answer.definitionProblems?.length > 0) {
        setResult({
          ok: false,
          definition: true,
          problems: answer.definitionProblems.map((p) => ({ field: p.path, message: p.message })),
        });
        return;
      }
      const problems = answer.ok ? [] : (answer.problems ?? []);
      const byName = new Map<string, { name: (string | number)[]; errors: string[] }>();
      const known = new Set(form.getFieldsError().map((e) => JSON.stringify(e.name)));
      for (const p of problems) {
        const name = namePath(p.field);
        const k = JSON.stringify(name);
        if (!known.has(k)) continue;
        const entry = byName.get(k) ?? { name, errors: [] };
        entry.errors.push(p.message);
        byName.set(k, entry);
      }
      form.setFields([...byName.values()]);
      marked.current = [...byName.values()].map((e) => e.name);
      setResult({ ok: answer.ok, problems, definition: false });
    } catch (e) {
      if (e instanceof ApiError && e.details.length > 0 && e.status === 422) {
        setResult({
          ok: false,
          definition: false,
          problems: e.details.map((d) => ({ field: d.field, message: d.message })),
        });
      } else setError(e);
    } finally {
      setChecking(false);
    }
  };

  const fieldCount = definition.sections.reduce((n, s) => n + s.fields.length, 0);

  return (
    <div>
      {fieldCount === 0 ? (
        <Empty description="表单还没有字段" />
      ) : (
        <Form<Values>
          key={signature}
          form={form}
          layout="vertical"
          name="zt-form-preview"
          initialValues={initialValues(definition)}
          onValuesChange={() => setResult(null)}
          requiredMark
        >
          <PreviewForm definition={definition} form={form} />
        </Form>
      )}
      <Flex gap={8} align="center" wrap style={{ marginTop: 8 }}>
        <Button
          type="primary"
          icon={<CheckCircleOutlined />}
          onClick={() => void check()}
          loading={checking}
          disabled={fieldCount === 0}
        >
          校验
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            setResult(null);
          }}
          disabled={fieldCount === 0}
        >
          清空
        </Button>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          按服务器的规则校验填写的内容（与申请人提交时相同）
        </Typography.Text>
      </Flex>
      <div aria-live="polite" style={{ marginTop: 12 }}>
        {error ? <Alert type="error" showIcon title={errorMessage(error)} /> : null}
        {result?.ok ? <Alert type="success" showIcon title="校验通过：申请人按此填写可以提交" /> : null}
        {result && !result.ok ? (
          <Alert
            type="error"
            showIcon
            title={
              result.definition
                ? `表单定义还有 ${result.problems.length} 个问题，请先在左侧改正`
                : `有 ${result.problems.length} 处需要修改`
            }
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {result.problems.map((p) => (
                  <li key={`${p.field}:${p.message}`}>{p.message}</li>
                ))}
              </ul>
            }
          />
        ) : null}
      </div>
    </div>
  );
}

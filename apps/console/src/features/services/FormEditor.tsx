// 申请表单编辑器: sections of fields edited as data, next to a live preview of the form the
// applicant will fill. Every field type of the form contract, options of choice fields, required,
// a condition builder (显示条件: show when an earlier field has one of some values), prefill from
// the applicant's verified profile, repeating groups with their own sub-fields, help text.
import { DownOutlined, EditOutlined, PlusOutlined, UpOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Dropdown,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { errorMessage, isAbort } from '../../api/client.ts';
import { Field, MoveButtons, moveItem } from '../../app/editing.tsx';
import { ToneTag } from '../../app/ui.tsx';
import { serviceApi } from './api.ts';
import { FormPreview } from './FormPreview.tsx';
import {
  CONTROLLER_TYPES,
  cleanForm,
  FIELD_TYPE_NAMES,
  FIELD_TYPES,
  type FieldOption,
  type FieldType,
  type FormDefinition,
  type FormField,
  type FormSection,
  freshKey,
  GROUP_MAX_ROWS,
  isChoice,
  KEY_RE,
  PREFILL_FIELD_TYPES,
  PREFILL_KIND_NAMES,
  type PrefillKind,
  topFields,
} from './formTypes.ts';

export interface PathProblem {
  path: string;
  message: string;
}

/** Problems whose path is `prefix` itself or a property of it, but not inside its sub-fields. */
function problemsAt(problems: PathProblem[], prefix: string): PathProblem[] {
  return problems.filter((p) => {
    if (!p.path.startsWith(prefix)) return false;
    const rest = p.path.slice(prefix.length);
    if (rest !== '' && !rest.startsWith('.') && !rest.startsWith('[')) return false;
    return !rest.startsWith('.fields[');
  });
}

function OptionsEditor({
  options,
  onChange,
}: {
  options: FieldOption[];
  onChange: (o: FieldOption[]) => void;
}) {
  const values = options.map((o) => o.value);
  return (
    <fieldset style={{ border: 0, padding: 0, margin: '0 0 10px' }}>
      <legend style={{ fontSize: 14, marginBottom: 6, border: 0 }}>选项</legend>
      {options.length === 0 ? (
        <Typography.Paragraph type="danger" style={{ marginBottom: 6 }}>
          选择题至少需要一个选项。
        </Typography.Paragraph>
      ) : null}
      {options.map((o, i) => {
        const dup = o.value !== '' && values.indexOf(o.value) !== i;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: options are edited in place; their value may be blank or repeated while typing
          <Flex key={i} gap={6} align="center" style={{ marginBottom: 6 }}>
            <Input
              aria-label={`选项 ${i + 1} 的名称`}
              placeholder="名称（申请人看到的）"
              value={o.label}
              maxLength={100}
              onChange={(e) => {
                const label = e.target.value;
                // A new option's value follows its name until the value is edited by hand.
                const follow = o.value === '' || o.value === o.label;
                onChange(options.map((x, j) => (j === i ? { label, value: follow ? label : x.value } : x)));
              }}
            />
            <Input
              aria-label={`选项 ${i + 1} 的值`}
              placeholder="值（保存的）"
              value={o.value}
              maxLength={100}
              status={dup ? 'error' : undefined}
              onChange={(e) =>
                onChange(options.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))
              }
              style={{ maxWidth: 160 }}
            />
            <MoveButtons
              name={`选项“${o.label || i + 1}”`}
              index={i}
              count={options.length}
              onMove={(d) => onChange(moveItem(options, i, d))}
              onRemove={() => onChange(options.filter((_, j) => j !== i))}
            />
          </Flex>
        );
      })}
      <Button
        size="small"
        icon={<PlusOutlined />}
        onClick={() => onChange([...options, { value: '', label: '' }])}
      >
        添加选项
      </Button>
    </fieldset>
  );
}

/** 显示条件: the field shows only when an earlier field equals one of some values. */
function ConditionEditor({
  field,
  controllers,
  onChange,
  error,
}: {
  field: FormField;
  controllers: FormField[];
  onChange: (f: FormField) => void;
  error: string | null;
}) {
  const usable = controllers.filter((c) => c.key && CONTROLLER_TYPES.has(c.type));
  const when = field.visibleWhen;
  const ctrl = usable.find((c) => c.key === when?.field);
  const equals = when ? (Array.isArray(when.equals) ? when.equals : when.equals ? [when.equals] : []) : [];
  return (
    <fieldset style={{ border: 0, padding: 0, margin: '0 0 10px' }}>
      <legend style={{ fontSize: 14, marginBottom: 6, border: 0 }}>显示条件</legend>
      <Checkbox
        checked={!!when}
        disabled={!when && usable.length === 0}
        onChange={(e) =>
          onChange({
            ...field,
            visibleWhen: e.target.checked ? { field: usable[0]?.key ?? '', equals: [] } : undefined,
          })
        }
      >
        仅在满足条件时显示
      </Checkbox>
      {!when && usable.length === 0 ? (
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
          条件只能依据排在本字段之前的单选、多选、下拉、单行文本或行政区划字段。
        </Typography.Text>
      ) : null}
      {when ? (
        <Row gutter={8} style={{ marginTop: 8 }}>
          <Col xs={24} md={10}>
            <Field label="当字段">
              {(id) => (
                <Select
                  id={id}
                  value={when.field || undefined}
                  placeholder="选择字段"
                  onChange={(k: string) => onChange({ ...field, visibleWhen: { field: k, equals: [] } })}
                  options={usable.map((c) => ({
                    value: c.key,
                    label: `${c.label || c.key}（${FIELD_TYPE_NAMES[c.type]}）`,
                  }))}
                />
              )}
            </Field>
          </Col>
          <Col xs={24} md={14}>
            <Field label="的值为（任一）" error={error}>
              {(id) =>
                ctrl?.options ? (
                  <Select
                    id={id}
                    mode="multiple"
                    value={equals}
                    placeholder="选择取值"
                    onChange={(v: string[]) =>
                      onChange({ ...field, visibleWhen: { field: when.field, equals: v } })
                    }
                    options={ctrl.options
                      .filter((o) => o.value)
                      .map((o) => ({ value: o.value, label: o.label || o.value }))}
                  />
                ) : (
                  <Select
                    id={id}
                    mode="tags"
                    value={equals}
                    placeholder="输入取值后回车"
                    onChange={(v: string[]) =>
                      onChange({ ...field, visibleWhen: { field: when.field, equals: v } })
                    }
                    options={[]}
                    open={false}
                  />
                )
              }
            </Field>
          </Col>
        </Row>
      ) : null}
    </fieldset>
  );
}

function FieldEditor({
  field,
  path,
  inGroup,
  controllers,
  siblingKeys,
  problems,
  onChange,
}: {
  field: FormField;
  path: string;
  inGroup: boolean;
  controllers: FormField[];
  siblingKeys: string[];
  problems: PathProblem[];
  onChange: (f: FormField) => void;
}) {
  const t = field.type;
  const keyError = !KEY_RE.test(field.key)
    ? '以英文字母开头，由字母、数字和下划线组成，不超过 40 个字符'
    : siblingKeys.includes(field.key)
      ? '标识重复'
      : null;
  const err = (prop: string) =>
    problems.find(
      (p) =>
        p.path === `${path}.${prop}` ||
        p.path.startsWith(`${path}.${prop}.`) ||
        p.path.startsWith(`${path}.${prop}[`),
    )?.message ?? null;
  const prefillKinds = (Object.keys(PREFILL_KIND_NAMES) as PrefillKind[]).filter((k) =>
    PREFILL_FIELD_TYPES[k].includes(t),
  );
  const types = FIELD_TYPES.filter((x) => !inGroup || x !== 'group');

  return (
    <div style={{ padding: '8px 4px 0' }}>
      <Row gutter={8}>
        <Col xs={24} md={9}>
          <Field label="字段名称" required error={err('label')}>
            {(id) => (
              <Input
                id={id}
                value={field.label}
                maxLength={100}
                onChange={(e) => onChange({ ...field, label: e.target.value })}
              />
            )}
          </Field>
        </Col>
        <Col xs={24} md={8}>
          <Field label="字段标识" required error={keyError ?? err('key')} help="提交数据中的键名">
            {(id) => (
              <Input
                id={id}
                value={field.key}
                maxLength={40}
                onChange={(e) => onChange({ ...field, key: e.target.value.trim() })}
              />
            )}
          </Field>
        </Col>
        <Col xs={24} md={7}>
          <Field label="类型" error={err('type')}>
            {(id) => (
              <Select
                id={id}
                value={t}
                onChange={(type: FieldType) => {
                  const next: FormField = { ...field, type };
                  if (isChoice(type) && !next.options) next.options = [];
                  if (type === 'group' && !next.fields) next.fields = [];
                  if (next.prefill && !PREFILL_FIELD_TYPES[next.prefill].includes(type)) delete next.prefill;
                  onChange(next);
                }}
                options={types.map((x) => ({ value: x, label: FIELD_TYPE_NAMES[x] }))}
              />
            )}
          </Field>
        </Col>
      </Row>
      <Checkbox
        checked={!!field.required}
        onChange={(e) => onChange({ ...field, required: e.target.checked || undefined })}
        style={{ marginBottom: 10 }}
      >
        必填
      </Checkbox>
      <Row gutter={8}>
        <Col xs={24} md={t !== 'group' && t !== 'radio' && t !== 'checkbox' ? 14 : 24}>
          <Field label="填写说明" error={err('help')}>
            {(id) => (
              <Input.TextArea
                id={id}
                rows={1}
                autoSize={{ minRows: 1, maxRows: 4 }}
                maxLength={500}
                value={field.help ?? ''}
                onChange={(e) => onChange({ ...field, help: e.target.value })}
              />
            )}
          </Field>
        </Col>
        {t !== 'group' && t !== 'radio' && t !== 'checkbox' ? (
          <Col xs={24} md={10}>
            <Field label="输入提示" error={err('placeholder')}>
              {(id) => (
                <Input
                  id={id}
                  maxLength={100}
                  value={field.placeholder ?? ''}
                  onChange={(e) => onChange({ ...field, placeholder: e.target.value })}
                />
              )}
            </Field>
          </Col>
        ) : null}
      </Row>
      {isChoice(t) ? (
        <>
          <OptionsEditor
            options={field.options ?? []}
            onChange={(options) => onChange({ ...field, options })}
          />
          {err('options') ? (
            <Typography.Paragraph type="danger">{err('options')}</Typography.Paragraph>
          ) : null}
        </>
      ) : null}
      {t === 'number' ? (
        <Row gutter={8}>
          <Col xs={12} md={6}>
            <Field label="最小值" error={err('min')}>
              {(id) => (
                <InputNumber
                  id={id}
                  value={field.min}
                  onChange={(v) => onChange({ ...field, min: typeof v === 'number' ? v : undefined })}
                  style={{ width: '100%' }}
                />
              )}
            </Field>
          </Col>
          <Col xs={12} md={6}>
            <Field label="最大值" error={err('max')}>
              {(id) => (
                <InputNumber
                  id={id}
                  value={field.max}
                  onChange={(v) => onChange({ ...field, max: typeof v === 'number' ? v : undefined })}
                  style={{ width: '100%' }}
                />
              )}
            </Field>
          </Col>
          <Col xs={12} md={6}>
            <Field label="单位" error={err('unit')}>
              {(id) => (
                <Input
                  id={id}
                  maxLength={20}
                  value={field.unit ?? ''}
                  placeholder="如 平方米"
                  onChange={(e) => onChange({ ...field, unit: e.target.value })}
                />
              )}
            </Field>
          </Col>
          <Col xs={12} md={6} style={{ paddingTop: 30 }}>
            <Checkbox
              checked={!!field.integer}
              onChange={(e) => onChange({ ...field, integer: e.target.checked || undefined })}
            >
              只能填整数
            </Checkbox>
          </Col>
        </Row>
      ) : null}
      {t === 'text' || t === 'textarea' ? (
        <Field label="最多字数" help={`不填则为 ${t === 'text' ? 200 : 2000} 字`} error={err('maxLength')}>
          {(id) => (
            <InputNumber
              id={id}
              min={1}
              max={t === 'text' ? 500 : 20000}
              precision={0}
              value={field.maxLength}
              onChange={(v) => onChange({ ...field, maxLength: typeof v === 'number' ? v : undefined })}
            />
          )}
        </Field>
      ) : null}
      {!inGroup && t !== 'group' && prefillKinds.length > 0 ? (
        <Field label="自动填充" help="申请人登录后，用其已核验的身份信息预先填好" error={err('prefill')}>
          {(id) => (
            <Select
              id={id}
              allowClear
              placeholder="不自动填充"
              value={field.prefill}
              onChange={(v?: PrefillKind) => onChange({ ...field, prefill: v })}
              options={prefillKinds.map((k) => ({ value: k, label: PREFILL_KIND_NAMES[k] }))}
              style={{ maxWidth: 260 }}
            />
          )}
        </Field>
      ) : null}
      <ConditionEditor
        field={field}
        controllers={controllers}
        onChange={onChange}
        error={err('visibleWhen')}
      />
      {t === 'group' ? (
        <>
          <Row gutter={8}>
            <Col xs={12} md={6}>
              <Field label="最少条数" error={err('minItems')}>
                {(id) => (
                  <InputNumber
                    id={id}
                    min={0}
                    max={GROUP_MAX_ROWS}
                    precision={0}
                    value={field.minItems}
                    onChange={(v) => onChange({ ...field, minItems: typeof v === 'number' ? v : undefined })}
                    style={{ width: '100%' }}
                  />
                )}
              </Field>
            </Col>
            <Col xs={12} md={6}>
              <Field label="最多条数" error={err('maxItems')}>
                {(id) => (
                  <InputNumber
                    id={id}
                    min={1}
                    max={GROUP_MAX_ROWS}
                    precision={0}
                    value={field.maxItems}
                    onChange={(v) => onChange({ ...field, maxItems: typeof v === 'number' ? v : undefined })}
                    style={{ width: '100%' }}
                  />
                )}
              </Field>
            </Col>
          </Row>
          <div style={{ borderInlineStart: '3px solid #c7d2fe', paddingInlineStart: 10, marginBottom: 8 }}>
            <Typography.Text strong>分组内的字段</Typography.Text>
            {err('fields') ? (
              <Typography.Paragraph type="danger">{err('fields')}</Typography.Paragraph>
            ) : null}
            <FieldList
              fields={field.fields ?? []}
              path={`${path}.fields`}
              inGroup
              outerControllers={controllers}
              problems={problems}
              takenKeys={[]}
              onChange={(fields) => onChange({ ...field, fields })}
            />
          </div>
        </>
      ) : null}
    </div>
  );
}

function fieldSummary(f: FormField): ReactNode {
  return (
    <Space size={4} wrap>
      <ToneTag tone={f.type === 'group' ? 'purple' : 'blue'}>{FIELD_TYPE_NAMES[f.type]}</ToneTag>
      {f.required ? <ToneTag tone="red">必填</ToneTag> : null}
      {f.visibleWhen ? <ToneTag tone="gold">条件显示</ToneTag> : null}
      {f.prefill ? <ToneTag tone="green">自动填充</ToneTag> : null}
      {f.type === 'group' ? (
        <Typography.Text type="secondary">{f.fields?.length ?? 0} 个字段</Typography.Text>
      ) : null}
    </Space>
  );
}

function FieldList({
  fields,
  path,
  inGroup,
  outerControllers,
  takenKeys,
  problems,
  onChange,
}: {
  fields: FormField[];
  /** e.g. "sections[0].fields" */
  path: string;
  inGroup: boolean;
  /** Fields before this list that conditions may look at. */
  outerControllers: FormField[];
  /** Keys used elsewhere at the same level (top-level keys are unique across sections). */
  takenKeys: string[];
  problems: PathProblem[];
  onChange: (fields: FormField[]) => void;
}) {
  const [open, setOpen] = useState<number | null>(null);
  const allKeys = [...takenKeys, ...fields.map((f) => f.key)];

  const add = (type: FieldType) => {
    const key = freshKey(type === 'group' ? 'group' : 'field', allKeys);
    const f: FormField = { key, label: `新${FIELD_TYPE_NAMES[type]}字段`, type };
    if (isChoice(type))
      f.options = [
        { value: '选项一', label: '选项一' },
        { value: '选项二', label: '选项二' },
      ];
    if (type === 'group') f.fields = [{ key: 'item1', label: '名称', type: 'text', required: true }];
    onChange([...fields, f]);
    setOpen(fields.length);
  };

  return (
    <div>
      {fields.length === 0 ? (
        <Typography.Paragraph type="secondary" style={{ margin: '6px 0' }}>
          还没有字段。
        </Typography.Paragraph>
      ) : null}
      {fields.map((f, i) => {
        const fpath = `${path}[${i}]`;
        const own = problemsAt(problems, fpath);
        const nested = problems.some((p) => p.path.startsWith(`${fpath}.fields[`));
        const isOpen = open === i;
        const name = `字段“${f.label || f.key}”`;
        const others = [...takenKeys, ...fields.filter((_, j) => j !== i).map((x) => x.key)];
        return (
          <div
            // biome-ignore lint/suspicious/noArrayIndexKey: fields are edited in place; their key may be blank or repeated while typing
            key={`${i}:${f.type}`}
            style={{
              border: `1px solid ${own.length > 0 || nested ? '#fca5a5' : '#e5e7eb'}`,
              borderRadius: 6,
              padding: '6px 8px',
              margin: '6px 0',
              background: isOpen ? '#f8fafc' : '#fff',
            }}
          >
            <Flex justify="space-between" align="center" gap={8} wrap>
              <Space size={6} wrap>
                <Typography.Text strong>{f.label || '（未命名）'}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {f.key}
                </Typography.Text>
                {fieldSummary(f)}
                {own.length > 0 || nested ? <ToneTag tone="red">有问题</ToneTag> : null}
              </Space>
              <Space size={0}>
                <Button
                  type="link"
                  size="small"
                  icon={isOpen ? <UpOutlined /> : <EditOutlined />}
                  aria-expanded={isOpen}
                  aria-label={`${isOpen ? '收起' : '编辑'}${name}`}
                  onClick={() => setOpen(isOpen ? null : i)}
                >
                  {isOpen ? '收起' : '编辑'}
                </Button>
                <MoveButtons
                  name={name}
                  index={i}
                  count={fields.length}
                  onMove={(d) => {
                    onChange(moveItem(fields, i, d));
                    if (open === i) setOpen(i + d);
                    else if (open === i + d) setOpen(i);
                  }}
                  onRemove={() => {
                    onChange(fields.filter((_, j) => j !== i));
                    setOpen(null);
                  }}
                />
              </Space>
            </Flex>
            {own.length > 0 && !isOpen ? (
              <Typography.Paragraph type="danger" style={{ margin: '4px 0 0', fontSize: 12 }}>
                {own.map((p) => p.message).join('；')}
              </Typography.Paragraph>
            ) : null}
            {isOpen ? (
              <FieldEditor
                field={f}
                path={fpath}
                inGroup={inGroup}
                controllers={[...outerControllers, ...fields.slice(0, i)]}
                siblingKeys={others}
                problems={problems}
                onChange={(nf) => onChange(fields.map((x, j) => (j === i ? nf : x)))}
              />
            ) : null}
          </div>
        );
      })}
      <Dropdown
        trigger={['click']}
        menu={{
          items: FIELD_TYPES.filter((t) => !inGroup || t !== 'group').map((t) => ({
            key: t,
            label: FIELD_TYPE_NAMES[t],
          })),
          onClick: ({ key }) => add(key as FieldType),
        }}
      >
        <Button
          size="small"
          type="dashed"
          icon={<PlusOutlined />}
          aria-haspopup="menu"
          style={{ marginTop: 4 }}
        >
          {inGroup ? '添加分组内字段' : '添加字段'} <DownOutlined />
        </Button>
      </Dropdown>
    </div>
  );
}

export function FormEditor({
  value,
  onChange,
  problems: saveProblems = [],
  readOnly,
}: {
  value: FormDefinition;
  onChange: (next: FormDefinition) => void;
  /** Problems the server reported on saving (paths relative to the form). */
  problems?: PathProblem[];
  readOnly?: boolean;
}) {
  // The server's definition check, run as the definition changes (no data: definition problems only).
  const [live, setLive] = useState<{ checked: boolean; problems: PathProblem[]; error?: unknown }>({
    checked: false,
    problems: [],
  });
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      serviceApi.validateForm(cleanForm(value), {}, controller.signal).then(
        (a) => {
          if (!controller.signal.aborted) setLive({ checked: true, problems: a.definitionProblems ?? [] });
        },
        (e: unknown) => {
          if (!controller.signal.aborted && !isAbort(e)) setLive({ checked: false, problems: [], error: e });
        },
      );
    }, 500);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [value]);
  const problems = useMemo(() => {
    const seen = new Set<string>();
    return [...live.problems, ...saveProblems].filter((p) => {
      const k = `${p.path}|${p.message}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  }, [live.problems, saveProblems]);
  const sections = value.sections;
  const setSections = (next: FormSection[]) => onChange({ sections: next });
  const allTop = topFields(value);

  const addSection = () => {
    const key = freshKey(
      'section',
      sections.map((s) => s.key),
    );
    setSections([
      ...sections,
      { key, title: sections.length === 0 ? '申请人信息' : `第 ${sections.length + 1} 部分`, fields: [] },
    ]);
  };

  const general = problems.filter((p) => !/^sections\[\d+\]/.test(p.path));

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={13}>
        <Form layout="vertical" component="div" disabled={readOnly}>
          <div aria-live="polite">
            {problems.length > 0 ? (
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 12 }}
                title={`表单定义有 ${problems.length} 个问题（已在相应字段标出）`}
                description={general.length > 0 ? general.map((p) => p.message).join('；') : undefined}
              />
            ) : live.checked && sections.length > 0 ? (
              <Alert type="success" showIcon style={{ marginBottom: 12 }} title="表单定义检查通过" />
            ) : live.error ? (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                title={`暂时无法检查表单定义：${errorMessage(live.error)}`}
              />
            ) : null}
          </div>
          {sections.length === 0 ? <Empty description="表单还没有分组，请先添加分组" /> : null}
          {sections.map((s, i) => {
            const spath = `sections[${i}]`;
            const own = problemsAt(problems, spath).filter((p) => !p.path.startsWith(`${spath}.fields[`));
            const before = sections.slice(0, i).flatMap((x) => x.fields);
            const otherKeys = allTop.filter((f) => !s.fields.includes(f)).map((f) => f.key);
            return (
              <Card
                // biome-ignore lint/suspicious/noArrayIndexKey: sections are edited in place; their key may be blank while typing
                key={i}
                size="small"
                style={{ marginBottom: 12 }}
                title={`分组 ${i + 1}：${s.title || '（未命名）'}`}
                extra={
                  <MoveButtons
                    name={`分组“${s.title || i + 1}”`}
                    index={i}
                    count={sections.length}
                    onMove={(d) => setSections(moveItem(sections, i, d))}
                    onRemove={() => setSections(sections.filter((_, j) => j !== i))}
                  />
                }
              >
                <Row gutter={8}>
                  <Col xs={24} md={14}>
                    <Field
                      label="分组标题"
                      required
                      error={own.find((p) => p.path.endsWith('.title'))?.message}
                    >
                      {(id) => (
                        <Input
                          id={id}
                          value={s.title}
                          maxLength={100}
                          onChange={(e) =>
                            setSections(
                              sections.map((x, j) => (j === i ? { ...x, title: e.target.value } : x)),
                            )
                          }
                        />
                      )}
                    </Field>
                  </Col>
                  <Col xs={24} md={10}>
                    <Field
                      label="分组标识"
                      required
                      error={
                        !KEY_RE.test(s.key)
                          ? '以英文字母开头，由字母、数字和下划线组成'
                          : sections.some((x, j) => j !== i && x.key === s.key)
                            ? '标识重复'
                            : (own.find((p) => p.path.endsWith('.key'))?.message ?? null)
                      }
                    >
                      {(id) => (
                        <Input
                          id={id}
                          value={s.key}
                          maxLength={40}
                          onChange={(e) =>
                            setSections(
                              sections.map((x, j) => (j === i ? { ...x, key: e.target.value.trim() } : x)),
                            )
                          }
                        />
                      )}
                    </Field>
                  </Col>
                </Row>
                {own
                  .filter((p) => !p.path.endsWith('.title') && !p.path.endsWith('.key'))
                  .map((p) => (
                    <Typography.Paragraph key={p.path + p.message} type="danger" style={{ marginBottom: 4 }}>
                      {p.message}
                    </Typography.Paragraph>
                  ))}
                <FieldList
                  fields={s.fields}
                  path={`${spath}.fields`}
                  inGroup={false}
                  outerControllers={before}
                  takenKeys={otherKeys}
                  problems={problems}
                  onChange={(fields) => setSections(sections.map((x, j) => (j === i ? { ...x, fields } : x)))}
                />
              </Card>
            );
          })}
          <Button icon={<PlusOutlined />} onClick={addSection}>
            添加分组
          </Button>
        </Form>
      </Col>
      <Col xs={24} xl={11}>
        <Card size="small" title="实时预览（申请人看到的表单）" style={{ position: 'sticky', top: 16 }}>
          <FormPreview definition={value} />
        </Card>
      </Col>
    </Row>
  );
}

// The settings of one step of a draft definition, edited without code: name, key, type, who
// handles it, its actions (with where each leads and what it does to the clock), time limit,
// branches, join mode, wait signal, end outcome. Controlled: every change goes up as a new step.
import { DownOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  AutoComplete,
  Button,
  Card,
  Checkbox,
  Col,
  Dropdown,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import { useId, useState } from 'react';
import type { Org } from '../../api/types.ts';
import { Field, MoveButtons, moveItem } from '../../app/editing.tsx';
import { OrgTreeSelect } from '../identity/orgs.tsx';
import type {
  ActionDef,
  ActionKind,
  Assignee,
  Effect,
  Limit,
  Problem,
  ProcessDefinition,
  StepDef,
  StepType,
} from './api.ts';
import {
  ACTION_KEY_PATTERN,
  ACTION_KIND_LABELS,
  ACTION_TEMPLATES,
  END_OUTCOMES,
  KNOWN_SIGNALS,
  PAUSE_KINDS,
  problemWhere,
  STEP_KEY_PATTERN,
  STEP_TYPE_HELP,
  STEP_TYPE_LABELS,
} from './definition.ts';
import { UserPicker } from './UserPicker.tsx';

function stepOptions(def: ProcessDefinition, except?: string, types?: StepType[]) {
  return def.steps
    .filter((s) => s.key !== except && (!types || types.includes(s.type)))
    .map((s) => ({ value: s.key, label: `${s.name || s.key}（${STEP_TYPE_LABELS[s.type]}）` }));
}

/** 开始计时 / 暂停计时（类型）/ 恢复计时 / 重新计时 as checkboxes. */
function EffectsEditor({
  value,
  onChange,
  legend,
}: {
  value: Effect[] | undefined;
  onChange: (next: Effect[]) => void;
  legend: string;
}) {
  const effects = value ?? [];
  const pause = effects.find((e) => e.startsWith('clock.pause:'));
  // The kind shown is the effect's own while pausing; otherwise the one picked for when it is ticked.
  const [pickedKind, setPickedKind] = useState('correction');
  const pauseKind = pause ? pause.slice('clock.pause:'.length) : pickedKind;
  const has = (e: Effect) => effects.includes(e);
  const toggle = (e: Effect, on: boolean) =>
    onChange(on ? [...effects.filter((x) => x !== e), e] : effects.filter((x) => x !== e));
  const setPause = (on: boolean, kind = pauseKind) => {
    const rest = effects.filter((e) => !e.startsWith('clock.pause:'));
    onChange(on ? [...rest, `clock.pause:${kind}` as Effect] : rest);
  };
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
      <legend style={{ fontSize: 14, marginBottom: 6, border: 0 }}>{legend}</legend>
      <Flex wrap gap={12} align="center">
        <Checkbox checked={has('clock.start')} onChange={(e) => toggle('clock.start', e.target.checked)}>
          开始计时
        </Checkbox>
        <Space size={4}>
          <Checkbox checked={!!pause} onChange={(e) => setPause(e.target.checked)}>
            暂停计时
          </Checkbox>
          <Select
            size="small"
            aria-label="暂停类型"
            style={{ width: 120 }}
            value={pauseKind}
            options={PAUSE_KINDS}
            onChange={(k) => {
              setPickedKind(k);
              if (pause) setPause(true, k);
            }}
          />
        </Space>
        <Checkbox checked={has('clock.resume')} onChange={(e) => toggle('clock.resume', e.target.checked)}>
          恢复计时
        </Checkbox>
        <Checkbox checked={has('clock.restart')} onChange={(e) => toggle('clock.restart', e.target.checked)}>
          重新计时
        </Checkbox>
      </Flex>
    </fieldset>
  );
}

function LimitEditor({
  value,
  onChange,
}: {
  value: Limit | undefined;
  onChange: (next: Limit | undefined) => void;
}) {
  const id = useId();
  return (
    <fieldset style={{ border: 0, padding: 0, margin: '0 0 12px' }}>
      <legend style={{ fontSize: 14, marginBottom: 6, border: 0 }}>环节时限</legend>
      <Flex wrap gap={12} align="center">
        <Checkbox
          checked={!!value}
          onChange={(e) => onChange(e.target.checked ? { days: 5, unit: 'working' } : undefined)}
        >
          设置时限
        </Checkbox>
        {value ? (
          <>
            <Space size={4}>
              <label htmlFor={id}>天数</label>
              <InputNumber
                id={id}
                min={1}
                max={3650}
                precision={0}
                value={value.days}
                onChange={(d) => onChange({ ...value, days: typeof d === 'number' ? d : 1 })}
                style={{ width: 90 }}
              />
            </Space>
            <Radio.Group
              aria-label="计算方式"
              value={value.unit}
              onChange={(e) => onChange({ ...value, unit: e.target.value })}
              options={[
                { value: 'working', label: '工作日' },
                { value: 'natural', label: '自然日' },
              ]}
            />
          </>
        ) : (
          <Typography.Text type="secondary">不设时限（仅按办件总时限监察）</Typography.Text>
        )}
      </Flex>
    </fieldset>
  );
}

function AssigneeEditor({
  value,
  onChange,
  roles,
  orgs,
  orgsLoading,
  error,
}: {
  value: Assignee | undefined;
  onChange: (next: Assignee | undefined) => void;
  roles: { code: string; name: string }[];
  orgs: Org[] | undefined;
  orgsLoading: boolean;
  error?: string | null;
}) {
  const type = value?.type ?? 'role';
  return (
    <fieldset style={{ border: 0, padding: 0, margin: '0 0 12px' }}>
      <legend style={{ fontSize: 14, marginBottom: 6, border: 0 }}>
        <span style={{ color: '#b91c1c', marginInlineEnd: 4 }} aria-hidden>
          *
        </span>
        办理人
      </legend>
      <Radio.Group
        aria-label="办理人类型"
        optionType="button"
        value={type}
        onChange={(e) => {
          const t = e.target.value as Assignee['type'];
          if (t === 'role') onChange({ type: 'role', role: '' });
          else if (t === 'unit') onChange({ type: 'unit', orgId: '' });
          else onChange({ type: 'user', userId: '' });
        }}
        options={[
          { value: 'role', label: '按角色' },
          { value: 'unit', label: '指定单位' },
          { value: 'user', label: '指定人员' },
        ]}
        style={{ marginBottom: 8 }}
      />
      {type === 'role' ? (
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Field label="角色" required error={error}>
              {(id) => (
                <Select
                  id={id}
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder="选择角色"
                  value={value?.type === 'role' && value.role ? value.role : undefined}
                  onChange={(role: string) =>
                    onChange({
                      type: 'role',
                      role,
                      ...(value?.type === 'role' && value.orgId ? { orgId: value.orgId } : {}),
                    })
                  }
                  options={roles.map((r) => ({ value: r.code, label: `${r.name}（${r.code}）` }))}
                />
              )}
            </Field>
          </Col>
          <Col xs={24} md={12}>
            <Field label="所在单位" help="不选则为办件所属单位">
              {(id) => (
                <OrgTreeSelect
                  id={id}
                  orgs={orgs}
                  loading={orgsLoading}
                  placeholder="办件所属单位"
                  value={value?.type === 'role' ? value.orgId : undefined}
                  onChange={(orgId?: string) =>
                    onChange({
                      type: 'role',
                      role: value?.type === 'role' ? value.role : '',
                      ...(orgId ? { orgId } : {}),
                    })
                  }
                />
              )}
            </Field>
          </Col>
        </Row>
      ) : type === 'unit' ? (
        <Field label="办理单位" required error={error} help="该单位中有办理待办权限的工作人员均可办理">
          {(id) => (
            <OrgTreeSelect
              id={id}
              orgs={orgs}
              loading={orgsLoading}
              value={value?.type === 'unit' && value.orgId ? value.orgId : undefined}
              onChange={(orgId?: string) => onChange({ type: 'unit', orgId: orgId ?? '' })}
            />
          )}
        </Field>
      ) : (
        <Field label="办理人员" required error={error}>
          {(id) => (
            <UserPicker
              id={id}
              value={value?.type === 'user' && value.userId ? value.userId : undefined}
              onChange={(userId) => onChange({ type: 'user', userId: userId ?? '' })}
            />
          )}
        </Field>
      )}
    </fieldset>
  );
}

function ActionEditor({
  action,
  index,
  count,
  step,
  definition,
  inBranch,
  problems,
  onChange,
  onMove,
  onRemove,
}: {
  action: ActionDef;
  index: number;
  count: number;
  step: StepDef;
  definition: ProcessDefinition;
  inBranch: boolean;
  problems: string[];
  onChange: (a: ActionDef) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}) {
  const kind = action.kind ?? 'forward';
  const name = action.label || action.key || `动作${index + 1}`;
  const keyBad = action.key !== '' && !ACTION_KEY_PATTERN.test(action.key);
  return (
    <Card
      size="small"
      style={{ marginBottom: 8, borderColor: problems.length > 0 ? '#fca5a5' : undefined }}
      title={
        <span>
          动作 {index + 1}：{name}
        </span>
      }
      extra={
        <MoveButtons name={`动作“${name}”`} index={index} count={count} onMove={onMove} onRemove={onRemove} />
      }
    >
      {problems.length > 0 ? (
        <Alert type="error" showIcon style={{ marginBottom: 8 }} title={problems.join('；')} />
      ) : null}
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Field label="动作名称" required help="办理人看到的按钮文字">
            {(id) => (
              <Input
                id={id}
                value={action.label}
                maxLength={20}
                onChange={(e) => onChange({ ...action, label: e.target.value })}
              />
            )}
          </Field>
        </Col>
        <Col xs={24} md={8}>
          <Field label="动作标识" required error={keyBad ? '以字母开头，由字母、数字、-、_ 组成' : null}>
            {(id) => (
              <Input
                id={id}
                value={action.key}
                maxLength={40}
                onChange={(e) => onChange({ ...action, key: e.target.value.trim() })}
              />
            )}
          </Field>
        </Col>
        <Col xs={24} md={8}>
          <Field label="动作类型">
            {(id) => (
              <Select
                id={id}
                value={kind}
                onChange={(k: ActionKind) =>
                  onChange({
                    ...action,
                    kind: k === 'forward' ? undefined : k,
                    to: k === 'transfer' ? undefined : action.to,
                  })
                }
                options={(Object.keys(ACTION_KIND_LABELS) as ActionKind[]).map((k) => ({
                  value: k,
                  label: ACTION_KIND_LABELS[k],
                }))}
              />
            )}
          </Field>
        </Col>
        {kind !== 'transfer' ? (
          <Col xs={24} md={12}>
            <Field
              label={kind === 'return' ? '退回到' : '流转到'}
              required={kind === 'forward'}
              help={kind === 'return' ? '不选则由办理人在已办环节中选择' : undefined}
            >
              {(id) => (
                <Select
                  id={id}
                  allowClear
                  placeholder={kind === 'return' ? '由办理人选择' : '选择下一环节'}
                  value={action.to || undefined}
                  onChange={(to?: string) => onChange({ ...action, to })}
                  options={stepOptions(definition, step.key, kind === 'return' ? ['task'] : undefined)}
                />
              )}
            </Field>
          </Col>
        ) : (
          <Col xs={24} md={12}>
            <Typography.Paragraph type="secondary" style={{ marginTop: 30 }}>
              转办不改变环节：办理人把待办转给其他人员或单位。
            </Typography.Paragraph>
          </Col>
        )}
        {inBranch || action.outcome ? (
          <Col xs={24} md={12}>
            <Field label="会签意见" help="并行分支内的动作在汇合时计为同意或不同意">
              {(id) => (
                <Select
                  id={id}
                  allowClear
                  placeholder="不计入会签"
                  value={action.outcome}
                  onChange={(o?: 'agree' | 'disagree') => onChange({ ...action, outcome: o })}
                  options={[
                    { value: 'agree', label: '同意' },
                    { value: 'disagree', label: '不同意' },
                  ]}
                />
              )}
            </Field>
          </Col>
        ) : null}
      </Row>
      <Flex vertical gap={8}>
        <Checkbox
          checked={!!action.commentRequired}
          onChange={(e) => onChange({ ...action, commentRequired: e.target.checked || undefined })}
        >
          须填写办理意见
        </Checkbox>
        <EffectsEditor
          legend="对办理时限的影响"
          value={action.effects}
          onChange={(effects) => onChange({ ...action, effects })}
        />
      </Flex>
    </Card>
  );
}

export interface StepEditorProps {
  step: StepDef;
  index: number;
  definition: ProcessDefinition;
  inBranch: boolean;
  problems: Problem[];
  roles: { code: string; name: string }[];
  orgs: Org[] | undefined;
  orgsLoading: boolean;
  readOnly?: boolean;
  onChange: (step: StepDef) => void;
  onRenameKey: (to: string) => void;
}

export function StepEditor({
  step,
  index,
  definition,
  inBranch,
  problems,
  roles,
  orgs,
  orgsLoading,
  readOnly,
  onChange,
  onRenameKey,
}: StepEditorProps) {
  // The key being typed, until it is committed; another step (or a renamed one) starts from its key.
  const [keyDraft, setKeyDraft] = useState({ of: step.key, text: step.key });
  const keyText = keyDraft.of === step.key ? keyDraft.text : step.key;
  const setKeyText = (text: string) => setKeyDraft({ of: step.key, text });
  const keyTaken = keyText !== step.key && definition.steps.some((s) => s.key === keyText);
  const keyError = !STEP_KEY_PATTERN.test(keyText)
    ? '以字母开头，由字母、数字、-、_ 组成，最长 40 个字符'
    : keyTaken
      ? '已有环节使用此标识'
      : null;
  const commitKey = () => {
    if (!keyError && keyText !== step.key) onRenameKey(keyText);
  };

  const actions = step.actions ?? [];
  const setActions = (next: ActionDef[]) => onChange({ ...step, actions: next });
  const actionProblems = (j: number) =>
    problems.filter((p) => new RegExp(`actions\\[${j}\\]`).test(p.path)).map((p) => p.message);
  const stepProblems = problems.filter((p) => !/actions\[\d+\]/.test(p.path));
  const fieldProblem = (field: string) =>
    problems.find((p) => new RegExp(`\\.${field}(\\.|\\[|$)`).test(p.path))?.message ?? null;

  const addAction = (a: ActionDef) => {
    const used = new Set(actions.map((x) => x.key));
    let key = a.key;
    for (let i = 2; used.has(key); i += 1) key = `${a.key}${i}`;
    const clean: ActionDef = { ...a, key };
    if (!inBranch) delete clean.outcome;
    setActions([...actions, clean]);
  };
  const blankAction = (): ActionDef => {
    const used = new Set(actions.map((x) => x.key));
    let n = actions.length + 1;
    while (used.has(`action${n}`)) n += 1;
    return { key: `action${n}`, label: '' };
  };

  const nextSingle = (label: string, help?: string) => (
    <Field label={label} required help={help} error={fieldProblem('next')}>
      {(id) => (
        <Select
          id={id}
          placeholder="选择下一环节"
          value={step.next?.[0]}
          onChange={(k: string) => onChange({ ...step, next: [k] })}
          options={stepOptions(definition, step.key)}
        />
      )}
    </Field>
  );

  return (
    <Form layout="vertical" component="div" disabled={readOnly}>
      {stepProblems.length > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title="此环节的问题"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {stepProblems.map((p) => (
                <li key={`${p.path}:${p.message}`}>
                  {problemWhere(p.path, step) ? `${problemWhere(p.path, step)}：` : ''}
                  {p.message}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Row gutter={12}>
        <Col xs={24} md={10}>
          <Field label="环节名称" required error={fieldProblem('name')}>
            {(id) => (
              <Input
                id={id}
                value={step.name}
                maxLength={50}
                onChange={(e) => onChange({ ...step, name: e.target.value })}
              />
            )}
          </Field>
        </Col>
        <Col xs={24} md={7}>
          <Field label="环节标识" required error={keyError} help="英文标识，改名会同步更新引用">
            {(id) => (
              <Input
                id={id}
                value={keyText}
                maxLength={40}
                onChange={(e) => setKeyText(e.target.value.trim())}
                onBlur={commitKey}
                onPressEnter={commitKey}
              />
            )}
          </Field>
        </Col>
        <Col xs={24} md={7}>
          <Field label="环节类型">
            {(id) => (
              <Select
                id={id}
                value={step.type}
                onChange={(type: StepType) => {
                  const next: StepDef = { ...step, type };
                  if (type === 'join' && !next.mode) next.mode = 'all';
                  onChange(next);
                }}
                options={(Object.keys(STEP_TYPE_LABELS) as StepType[]).map((t) => ({
                  value: t,
                  label: STEP_TYPE_LABELS[t],
                }))}
              />
            )}
          </Field>
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {STEP_TYPE_HELP[step.type]}
        {index === definition.steps.findIndex((s) => s.key === definition.start) ? '。这是起始环节。' : ''}
      </Typography.Paragraph>

      {step.type === 'task' ? (
        <>
          <AssigneeEditor
            value={step.assignee}
            onChange={(assignee) => onChange({ ...step, assignee })}
            roles={roles}
            orgs={orgs}
            orgsLoading={orgsLoading}
            error={fieldProblem('assignee')}
          />
          <LimitEditor value={step.limit} onChange={(limit) => onChange({ ...step, limit })} />
          <Flex justify="space-between" align="center" style={{ margin: '4px 0 8px' }}>
            <Typography.Title level={3} style={{ fontSize: 15, margin: 0 }}>
              办理动作
            </Typography.Title>
            <Space>
              <Button icon={<PlusOutlined />} onClick={() => setActions([...actions, blankAction()])}>
                添加动作
              </Button>
              <Dropdown
                trigger={['click']}
                menu={{
                  items: ACTION_TEMPLATES.map((t, i) => ({ key: String(i), label: t.name })),
                  onClick: ({ key }) => {
                    const t = ACTION_TEMPLATES[Number(key)];
                    if (t) addAction(t.action);
                  },
                }}
              >
                <Button aria-haspopup="menu">
                  常用动作 <DownOutlined />
                </Button>
              </Dropdown>
            </Space>
          </Flex>
          {actions.length === 0 ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 8 }}
              title="办理环节至少需要一个动作，例如“受理”“同意”“提交”。"
            />
          ) : null}
          {actions.map((a, j) => (
            <ActionEditor
              // biome-ignore lint/suspicious/noArrayIndexKey: actions have no stable id while their key is being typed
              key={j}
              action={a}
              index={j}
              count={actions.length}
              step={step}
              definition={definition}
              inBranch={inBranch}
              problems={actionProblems(j)}
              onChange={(na) => setActions(actions.map((x, i) => (i === j ? na : x)))}
              onMove={(d) => setActions(moveItem(actions, j, d))}
              onRemove={() => setActions(actions.filter((_, i) => i !== j))}
            />
          ))}
        </>
      ) : null}

      {step.type === 'fork' ? (
        <Field
          label="并行分支"
          required
          help="选择每个分支的第一个环节（至少两个），各分支最后须流转到同一个汇合环节"
          error={fieldProblem('next')}
        >
          {(id) => (
            <Select
              id={id}
              mode="multiple"
              placeholder="选择各分支的第一个环节"
              value={step.next ?? []}
              onChange={(next: string[]) => onChange({ ...step, next })}
              options={stepOptions(definition, step.key, ['task', 'wait'])}
            />
          )}
        </Field>
      ) : null}

      {step.type === 'join' ? (
        <>
          <Field label="汇合方式" help="会签：全部分支同意才通过；或签：一个分支同意即通过">
            {(id) => (
              <Radio.Group
                id={id}
                value={step.mode ?? 'all'}
                onChange={(e) => onChange({ ...step, mode: e.target.value })}
                options={[
                  { value: 'all', label: '会签（全部同意）' },
                  { value: 'any', label: '或签（一个同意即可）' },
                ]}
              />
            )}
          </Field>
          {nextSingle('通过后流转到')}
          <Field
            label="未通过时流转到"
            help="分支中有“不同意”的动作时必须设置"
            error={fieldProblem('rejectTo')}
          >
            {(id) => (
              <Select
                id={id}
                allowClear
                placeholder="选择环节"
                value={step.rejectTo}
                onChange={(rejectTo?: string) => onChange({ ...step, rejectTo })}
                options={stepOptions(definition, step.key)}
              />
            )}
          </Field>
        </>
      ) : null}

      {step.type === 'wait' ? (
        <>
          <Field label="等待信号" required help="收到此信号后继续流转" error={fieldProblem('signal')}>
            {(id) => (
              <AutoComplete
                id={id}
                value={step.signal ?? ''}
                onChange={(signal: string) => onChange({ ...step, signal })}
                options={KNOWN_SIGNALS.map((s) => ({ value: s.value, label: `${s.label}（${s.value}）` }))}
                placeholder="如 applicant.resubmitted"
              />
            )}
          </Field>
          <div style={{ marginBottom: 12 }}>
            <EffectsEditor
              legend="收到信号时对办理时限的影响"
              value={step.effects}
              onChange={(effects) => onChange({ ...step, effects })}
            />
          </div>
          {nextSingle('收到信号后流转到')}
          <LimitEditor value={step.limit} onChange={(limit) => onChange({ ...step, limit })} />
        </>
      ) : null}

      {step.type === 'end' ? (
        <Field label="办理结果" required help="办结时记录的结果代码" error={fieldProblem('outcome')}>
          {(id) => (
            <AutoComplete
              id={id}
              value={step.outcome ?? ''}
              onChange={(outcome: string) => onChange({ ...step, outcome })}
              options={END_OUTCOMES.map((o) => ({ value: o.value, label: `${o.label}（${o.value}）` }))}
              placeholder="如 approved"
            />
          )}
        </Field>
      ) : null}
    </Form>
  );
}

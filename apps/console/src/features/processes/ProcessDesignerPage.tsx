// 流程定制: edits one version of a process definition without code. The step table on the left,
// the selected step's settings on the right, the drawn diagram below. Every change is checked by
// the engine (POST /processes/validate, debounced) and the problems are shown next to the steps;
// publishing is possible only when the definition is valid.
import {
  ArrowDownOutlined,
  ArrowLeftOutlined,
  ArrowUpOutlined,
  CheckCircleOutlined,
  CopyOutlined,
  DeleteOutlined,
  DownOutlined,
  PlusOutlined,
  SaveOutlined,
  SendOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Dropdown,
  Empty,
  Form,
  Input,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tooltip,
  Typography,
} from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, errorMessage, isAbort } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { useRequest } from '../../app/hooks.ts';
import { ErrorAlert, PageHeader, PageLoading, ToneTag } from '../../app/ui.tsx';
import { useOrgList } from '../identity/orgs.tsx';
import {
  type Problem,
  type ProcessDefinition,
  type ProcessVersion,
  processApi,
  type StepDef,
  type StepType,
} from './api.ts';
import {
  branchMembers,
  cleanDefinition,
  groupProblems,
  newStep,
  problemWhere,
  removeStep,
  renameStepKey,
  STEP_TYPE_LABELS,
} from './definition.ts';
import { DiagramScroll, ProcessDiagram } from './ProcessDiagram.tsx';
import { StepEditor } from './StepEditor.tsx';
import { caseTypeText, stepSummary, useStepRoles, VersionTag } from './shared.tsx';

type Check =
  | { state: 'idle' }
  | { state: 'done'; ok: boolean; problems: Problem[] }
  | { state: 'error'; error: unknown };

/** Server answers that are not {ok, problems} (a shape rejected by the schema) become problems too. */
function problemsFromError(e: unknown): Problem[] | null {
  if (e instanceof ApiError && (e.status === 400 || e.status === 422) && e.details.length > 0) {
    return e.details.map((d) => ({
      path: d.field.replace(/^\/?(body[./])?/, '').replace(/^definition[./]/, ''),
      message: d.message,
    }));
  }
  return null;
}

export function ProcessDesignerPage() {
  const { id = '', version: versionParam = '' } = useParams();
  const versionNo = Number(versionParam);
  const { can } = useAuth();
  const canManage = can('process.manage');
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const process = useRequest(`process:${id}`, (signal) => processApi.get(id, signal));
  const version: ProcessVersion | undefined = process.data?.versions.find((v) => v.version === versionNo);
  const orgs = useOrgList();
  const roles = useStepRoles();

  const [def, setDef] = useState<ProcessDefinition | null>(null);
  const [note, setNote] = useState('');
  const [dirty, setDirty] = useState(false);
  const [selected, setSelected] = useState<number>(0);
  const [check, setCheck] = useState<Check>({ state: 'idle' });
  // The last answer stays on screen while the next check runs (no flicker, no repeated announcements).
  const [checking, setChecking] = useState(true);
  const [saving, setSaving] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const loadedFor = useRef<string | null>(null);

  const readOnly = !canManage || (version ? version.status !== 'draft' : true);

  // Take the version's definition into the editor once per version (a reload after saving keeps edits).
  useEffect(() => {
    if (!version?.definition) return;
    const key = `${id}:${version.version}`;
    if (loadedFor.current === key) return;
    loadedFor.current = key;
    setDef(structuredClone(version.definition));
    setNote(version.note ?? '');
    setDirty(false);
    const start = version.definition.steps.findIndex((s) => s.key === version.definition?.start);
    setSelected(Math.max(0, start));
  }, [id, version]);

  // Ask the engine whether the definition as it stands can run.
  useEffect(() => {
    if (!def) return;
    const controller = new AbortController();
    setChecking(true);
    const timer = setTimeout(() => {
      processApi.validate(cleanDefinition(def), controller.signal).then(
        (answer) => {
          if (controller.signal.aborted) return;
          setCheck({ state: 'done', ok: answer.ok, problems: answer.ok ? [] : (answer.problems ?? []) });
          setChecking(false);
        },
        (e: unknown) => {
          if (controller.signal.aborted || isAbort(e)) return;
          const problems = problemsFromError(e);
          setCheck(problems ? { state: 'done', ok: false, problems } : { state: 'error', error: e });
          setChecking(false);
        },
      );
    }, 400);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [def]);

  // Unsaved edits: the browser asks before leaving the page.
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  const update = useCallback((next: ProcessDefinition) => {
    setDef(next);
    setDirty(true);
  }, []);

  const problems = check.state === 'done' ? check.problems : [];
  const grouped = useMemo(() => groupProblems(problems), [problems]);
  const problemKeys = useMemo(
    () =>
      new Set(
        [...grouped.keys()]
          .filter((i) => i >= 0)
          .map((i) => def?.steps[i]?.key ?? '')
          .filter(Boolean),
      ),
    [grouped, def],
  );
  const inBranch = useMemo(() => (def ? branchMembers(cleanDefinition(def)) : new Set<string>()), [def]);
  const nameOf = useCallback((key: string) => def?.steps.find((s) => s.key === key)?.name || key, [def]);
  const valid = !checking && check.state === 'done' && check.ok;

  if (process.error) return <ErrorAlert error={process.error} onRetry={process.reload} />;
  if (!process.data) return <PageLoading />;
  if (!version) {
    // Just created a new draft: the process is being read again.
    if (process.loading) return <PageLoading />;
    return (
      <>
        <PageHeader title="流程版本不存在" />
        <Alert type="warning" showIcon title={`流程“${process.data.name}”没有第 ${versionParam} 版。`} />
        <Link to={`/processes/${encodeURIComponent(id)}`}>返回流程</Link>
      </>
    );
  }
  if (!def) return <PageLoading />;

  const p = process.data;
  const step = def.steps[selected];

  const save = async (): Promise<boolean> => {
    setSaving(true);
    setActionError(null);
    try {
      await processApi.saveVersion(id, version.version, {
        definition: cleanDefinition(def),
        note: note.trim(),
      });
      setDirty(false);
      message.success('草稿已保存');
      return true;
    } catch (e) {
      setActionError(e);
      return false;
    } finally {
      setSaving(false);
    }
  };

  const publish = () =>
    modal.confirm({
      title: `发布第 ${version.version} 版？`,
      content: (
        <>
          <p>发布后，新收到的办件按此版本流转；原已发布的版本停用。</p>
          <p>正在办理的办件继续使用其开始时的版本，不受影响。</p>
          <p style={{ marginBottom: 0 }}>已发布的版本不能再修改，如需调整请新建草稿版本。</p>
        </>
      ),
      okText: '发布',
      cancelText: '取消',
      onOk: async () => {
        if (dirty && !(await save())) return;
        try {
          await processApi.publish(id, version.version);
          message.success(`第 ${version.version} 版已发布`);
          loadedFor.current = null;
          process.reload();
        } catch (e) {
          setActionError(e);
        }
      },
    });

  const newDraft = async () => {
    setActionError(null);
    try {
      const updated = await processApi.newVersion(id, {
        definition: cleanDefinition(def),
        note: `基于第 ${version.version} 版修改`,
      });
      const draft = updated.draftVersion ?? Math.max(...updated.versions.map((v) => v.version));
      message.success(`已创建第 ${draft} 版草稿`);
      process.reload();
      navigate(`/processes/${encodeURIComponent(id)}/versions/${draft}`);
    } catch (e) {
      // One draft at a time: go to the existing one.
      if (e instanceof ApiError && e.code === 'DRAFT_EXISTS' && process.data?.draftVersion) {
        navigate(`/processes/${encodeURIComponent(id)}/versions/${process.data.draftVersion}`);
        return;
      }
      setActionError(e);
    }
  };

  const addStep = (type: StepType) => {
    const s = newStep(def, type);
    update({ start: def.start || s.key, steps: [...def.steps, s] });
    setSelected(def.steps.length);
  };

  const moveStep = (i: number, d: -1 | 1) => {
    const steps = [...def.steps];
    const [moved] = steps.splice(i, 1);
    if (!moved) return;
    steps.splice(i + d, 0, moved);
    update({ ...def, steps });
    if (selected === i) setSelected(i + d);
    else if (selected === i + d) setSelected(i);
  };

  const deleteStep = (i: number) => {
    update(removeStep(def, i));
    setSelected((s) => Math.max(0, s > i ? s - 1 : s === i ? Math.min(s, def.steps.length - 2) : s));
  };

  const columns: TableColumnsType<StepDef & { index: number }> = [
    { title: '序号', dataIndex: 'index', width: 52, render: (i: number) => i + 1 },
    {
      title: '环节',
      key: 'name',
      render: (_, s) => (
        <div>
          <Space size={4} wrap>
            <Button
              type="link"
              size="small"
              style={{ padding: 0, height: 'auto', fontWeight: s.index === selected ? 600 : undefined }}
              onClick={() => setSelected(s.index)}
              aria-current={s.index === selected ? 'true' : undefined}
            >
              {s.name || s.key}
            </Button>
            <ToneTag
              tone={
                s.type === 'task'
                  ? 'blue'
                  : s.type === 'end'
                    ? 'green'
                    : s.type === 'wait'
                      ? 'gold'
                      : 'purple'
              }
            >
              {STEP_TYPE_LABELS[s.type]}
            </ToneTag>
            {s.key === def.start ? <ToneTag tone="indigo">起始</ToneTag> : null}
          </Space>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {stepSummary(s, roles, orgs.data, nameOf)}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: '校验',
      key: 'problems',
      width: 84,
      render: (_, s) => {
        const list = grouped.get(s.index) ?? [];
        if (check.state !== 'done') return <Typography.Text type="secondary">—</Typography.Text>;
        return list.length > 0 ? (
          <Tooltip title={list.map((x) => x.message).join('；')}>
            <span>
              <ToneTag tone="red">{list.length} 个问题</ToneTag>
            </span>
          </Tooltip>
        ) : (
          <ToneTag tone="green">通过</ToneTag>
        );
      },
    },
    ...(readOnly
      ? []
      : [
          {
            title: '操作',
            key: 'ops',
            width: 100,
            render: (_: unknown, s: StepDef & { index: number }) => (
              <Space size={0}>
                <Button
                  type="text"
                  size="small"
                  icon={<ArrowUpOutlined />}
                  aria-label={`上移环节“${s.name}”`}
                  disabled={s.index === 0}
                  onClick={() => moveStep(s.index, -1)}
                />
                <Button
                  type="text"
                  size="small"
                  icon={<ArrowDownOutlined />}
                  aria-label={`下移环节“${s.name}”`}
                  disabled={s.index === def.steps.length - 1}
                  onClick={() => moveStep(s.index, 1)}
                />
                <Popconfirm
                  title={`删除环节“${s.name || s.key}”？`}
                  description="指向此环节的动作和分支会被清空。"
                  okText="删除"
                  cancelText="取消"
                  okButtonProps={{ danger: true }}
                  onConfirm={() => deleteStep(s.index)}
                >
                  <Button
                    type="text"
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={`删除环节“${s.name}”`}
                  />
                </Popconfirm>
              </Space>
            ),
          },
        ]),
  ];

  const statusAlert = (() => {
    if (check.state === 'idle') return <Alert type="info" showIcon title="正在校验流程…" />;
    if (check.state === 'error')
      return <Alert type="warning" showIcon title={`暂时无法校验：${errorMessage(check.error)}`} />;
    if (check.ok)
      return (
        <Alert
          type="success"
          showIcon
          icon={<CheckCircleOutlined />}
          title="校验通过：每个环节都可到达，每条路径都能办结。"
        />
      );
    return (
      <Alert
        type="error"
        showIcon
        title={`流程有 ${check.problems.length} 个问题，改正后才能发布`}
        description={
          <ul style={{ margin: 0, paddingInlineStart: 20, maxHeight: 180, overflow: 'auto' }}>
            {[...grouped].flatMap(([i, list]) =>
              list.map((pr) => {
                const s = i >= 0 ? def.steps[i] : undefined;
                const where = problemWhere(pr.path, s);
                return (
                  <li key={`${pr.path}:${pr.message}`}>
                    {s ? (
                      <Button
                        type="link"
                        size="small"
                        style={{ padding: 0, height: 'auto' }}
                        onClick={() => setSelected(i)}
                      >
                        环节“{s.name || s.key}”
                      </Button>
                    ) : null}
                    {s ? '：' : ''}
                    {where ? `${where}：` : ''}
                    {pr.message}
                  </li>
                );
              }),
            )}
          </ul>
        }
      />
    );
  })();

  return (
    <>
      <PageHeader
        title={`流程定制：${p.name}`}
        extra={
          <>
            <Button
              icon={<ArrowLeftOutlined />}
              onClick={() => navigate(`/processes/${encodeURIComponent(id)}`)}
            >
              返回流程
            </Button>
            {readOnly ? (
              canManage ? (
                <Button icon={<CopyOutlined />} onClick={() => void newDraft()}>
                  基于此版本新建草稿
                </Button>
              ) : null
            ) : (
              <>
                <Button
                  icon={<SaveOutlined />}
                  onClick={() => void save()}
                  loading={saving}
                  disabled={!dirty}
                >
                  保存草稿
                </Button>
                <Tooltip title={valid ? undefined : '流程校验通过后才能发布'}>
                  <Button
                    type="primary"
                    icon={<SendOutlined />}
                    onClick={publish}
                    disabled={!valid || saving}
                  >
                    发布
                  </Button>
                </Tooltip>
              </>
            )}
          </>
        }
      >
        <Space wrap size={[8, 4]}>
          <span>流程代码 {p.code}</span>
          <span>· 办件类型 {caseTypeText(p.caseType, p.caseTypeName)}</span>
          <span>· {p.orgName ?? (p.orgId ? '指定单位' : '全平台')}</span>
          <span>· 第 {version.version} 版</span>
          <VersionTag status={version.status} />
          {dirty ? <ToneTag tone="orange">有未保存的修改</ToneTag> : null}
        </Space>
      </PageHeader>
      <ErrorAlert error={actionError} />
      {readOnly && canManage ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`第 ${version.version} 版${version.status === 'published' ? '已发布' : '已停用'}，不能修改。正在办理的办件按各自开始时的版本流转。`}
        />
      ) : null}
      <div aria-live="polite" style={{ marginBottom: 16 }}>
        {statusAlert}
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card
            size="small"
            title="环节"
            extra={
              readOnly ? null : (
                <Dropdown
                  trigger={['click']}
                  menu={{
                    items: (Object.keys(STEP_TYPE_LABELS) as StepType[]).map((t) => ({
                      key: t,
                      label: STEP_TYPE_LABELS[t],
                    })),
                    onClick: ({ key }) => addStep(key as StepType),
                  }}
                >
                  <Button type="primary" icon={<PlusOutlined />} aria-haspopup="menu">
                    添加环节 <DownOutlined />
                  </Button>
                </Dropdown>
              )
            }
          >
            <Form layout="vertical" component="div" disabled={readOnly}>
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item label="起始环节" htmlFor="zt-start-step" style={{ marginBottom: 12 }}>
                    <Select
                      id="zt-start-step"
                      value={def.start || undefined}
                      placeholder="选择起始环节"
                      onChange={(start: string) => update({ ...def, start })}
                      options={def.steps.map((s) => ({ value: s.key, label: s.name || s.key }))}
                    />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item label="版本说明" htmlFor="zt-version-note" style={{ marginBottom: 12 }}>
                    <Input
                      id="zt-version-note"
                      value={note}
                      maxLength={200}
                      placeholder="本版本改了什么"
                      onChange={(e) => {
                        setNote(e.target.value);
                        setDirty(true);
                      }}
                    />
                  </Form.Item>
                </Col>
              </Row>
            </Form>
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              columns={columns}
              dataSource={def.steps.map((s, index) => ({ ...s, index }))}
              onRow={(s) => ({ style: s.index === selected ? { background: '#eff6ff' } : undefined })}
              locale={{ emptyText: <Empty description="还没有环节，请添加" /> }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title={step ? `环节设置：${step.name || step.key}` : '环节设置'}>
            {step ? (
              <StepEditor
                key={`${selected}:${def.steps.length}`}
                step={step}
                index={selected}
                definition={def}
                inBranch={inBranch.has(step.key)}
                problems={grouped.get(selected) ?? []}
                roles={roles}
                orgs={orgs.data}
                orgsLoading={orgs.loading}
                readOnly={readOnly}
                onChange={(ns) =>
                  update({ ...def, steps: def.steps.map((x, i) => (i === selected ? ns : x)) })
                }
                onRenameKey={(to) => update(renameStepKey(def, step.key, to))}
              />
            ) : (
              <Empty description="请在左侧选择环节" />
            )}
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title="流程图">
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              实线为前进流转（标注动作名称），虚线为退回或会签未通过；菱形为并行分支与汇合，圆形为结束，灰色虚框为无法到达的环节。点击图中环节可编辑。
            </Typography.Paragraph>
            <DiagramScroll label="流程图（可滚动）" maxHeight={560}>
              <ProcessDiagram
                definition={def}
                selectedKey={step?.key}
                problemKeys={problemKeys}
                subtitleOf={(s) =>
                  s.type === 'fork'
                    ? `${s.next?.length ?? 0} 个分支`
                    : stepSummary(s, roles, orgs.data, nameOf)
                }
                onSelect={(key) => {
                  const i = def.steps.findIndex((s) => s.key === key);
                  if (i >= 0) setSelected(i);
                }}
                title={`${p.name} 第 ${version.version} 版流程图`}
              />
            </DiagramScroll>
          </Card>
        </Col>
      </Row>
    </>
  );
}

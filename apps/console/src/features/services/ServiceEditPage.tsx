// 事项管理 editor: one service item (实施清单) in tabs — basic information, materials, fees, time
// limits, handling, consultation/complaint/remedies, FAQ and the application form with its live
// preview. Save keeps a draft (or updates a published item, which the server re-checks); publish
// and suspend show the server's problems next to the inputs and on the tabs they belong to.
import { ArrowLeftOutlined, PauseCircleOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Col,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Tabs,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { useSubmit } from '../../app/FormModal.tsx';
import { useRequest } from '../../app/hooks.ts';
import { ErrorAlert, formatDateTime, PageHeader, PageLoading, ToneTag } from '../../app/ui.tsx';
import { OrgTreeSelect, useOrgList } from '../identity/orgs.tsx';
import { processApi } from '../processes/api.ts';
import { type ItemInput, type ServiceItem, serviceApi } from './api.ts';
import { FormEditor, type PathProblem } from './FormEditor.tsx';
import { cleanForm, type FormDefinition } from './formTypes.ts';
import { BasicTab, ContactsTab, FaqTab, FeesTab, HandlingTab, LimitsTab, MaterialsTab } from './ItemTabs.tsx';
import { editorPath, type ItemValues, inputFromValues, tabOf, valuesFromItem } from './itemForm.ts';
import { ItemStatusTag, useTaxonomy } from './shared.tsx';

const TAB_NAMES: Record<string, string> = {
  basic: '基本信息',
  materials: '申请材料',
  fees: '收费',
  limits: '时限',
  handling: '办理',
  contacts: '咨询投诉与救济',
  faq: '常见问题',
  form: '申请表单',
};

interface ServerProblem {
  field: string;
  message: string;
}

function problemsOf(e: unknown): ServerProblem[] {
  return e instanceof ApiError ? e.details.filter((d) => d.message) : [];
}

export function ServiceEditPage() {
  const { id = '' } = useParams();
  if (id === 'new') return <CreateItem />;
  return <EditItem id={id} />;
}

interface CreateValues {
  name: string;
  basicCode: string;
  implementationCode: string;
  itemType: string;
  orgId: string;
}

function CreateItem() {
  const [form] = Form.useForm<CreateValues>();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { user } = useAuth();
  const orgs = useOrgList();
  const taxonomy = useTaxonomy();
  // The server's problems with a field of this form go onto it; anything else shows above the form.
  const { saving, error, run } = useSubmit(form);

  const onFinish = async (v: CreateValues) => {
    await run(async () => {
      const created = await serviceApi.create({
        name: v.name.trim(),
        basicCode: v.basicCode.trim(),
        implementationCode: v.implementationCode.trim(),
        itemType: v.itemType,
        orgId: v.orgId,
      });
      message.success('事项已创建，请继续填写实施清单');
      navigate(`/services/${encodeURIComponent(created.id)}`, { replace: true });
    });
  };

  return (
    <>
      <PageHeader
        title="新建事项"
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/services')}>
            返回列表
          </Button>
        }
      >
        先填写事项的基本要素，创建后继续编辑申请材料、收费、时限、办理流程和申请表单。
      </PageHeader>
      <Card style={{ maxWidth: 760 }}>
        <ErrorAlert error={error} />
        <Form<CreateValues>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          initialValues={{ itemType: '01', orgId: user?.orgId ?? undefined }}
        >
          <Form.Item
            label="事项名称"
            name="name"
            rules={[{ required: true, whitespace: true, message: '请填写事项名称' }]}
          >
            <Input maxLength={200} placeholder="如：食品经营许可（新办）" />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item
                label="基本编码"
                name="basicCode"
                rules={[{ required: true, whitespace: true, message: '请填写基本编码' }]}
              >
                <Input maxLength={20} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                label="实施编码"
                name="implementationCode"
                rules={[{ required: true, whitespace: true, message: '请填写实施编码' }]}
              >
                <Input maxLength={36} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                label="事项类型"
                name="itemType"
                rules={[{ required: true, message: '请选择事项类型' }]}
              >
                <Select
                  options={taxonomy.itemTypes.map((x) => ({ value: x.code, label: `${x.code} ${x.name}` }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                label="实施主体"
                name="orgId"
                rules={[{ required: true, message: '请选择实施主体' }]}
              >
                <OrgTreeSelect orgs={orgs.data} loading={orgs.loading} />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" loading={saving}>
            创建
          </Button>
        </Form>
      </Card>
    </>
  );
}

function EditItem({ id }: { id: string }) {
  const navigate = useNavigate();
  const { can } = useAuth();
  const canPublish = can('service.publish');
  const { message, modal } = App.useApp();
  const item = useRequest(`service-item:${id}`, (signal) => serviceApi.get(id, signal));
  const orgs = useOrgList();
  const taxonomy = useTaxonomy();
  const processes = useRequest('processes:all', (signal) =>
    processApi.list({ page: 1, pageSize: 100 }, signal),
  );
  const [form] = Form.useForm<ItemValues>();
  const [formDef, setFormDef] = useState<FormDefinition>({ sections: [] });
  const [formDirty, setFormDirty] = useState(false);
  const [itemDirty, setItemDirty] = useState(false);
  const [loadedVersion, setLoadedVersion] = useState<string | null>(null);
  const [tab, setTab] = useState('basic');
  const [busy, setBusy] = useState<'save' | 'publish' | 'suspend' | null>(null);
  const [problems, setProblems] = useState<ServerProblem[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [suspending, setSuspending] = useState(false);
  const [reason, setReason] = useState('');

  // Load the item into the editor (again after each save, so the server's normalised values show).
  useEffect(() => {
    const data = item.data;
    if (!data) return;
    const stamp = `${data.id}:${data.updatedAt ?? ''}:${data.version ?? ''}:${data.status}`;
    if (stamp === loadedVersion) return;
    setLoadedVersion(stamp);
    form.resetFields();
    form.setFieldsValue(valuesFromItem(data));
    setFormDef(structuredClone(data.form ?? { sections: [] }));
    setFormDirty(false);
    setItemDirty(false);
  }, [item.data, loadedVersion, form]);

  const dirty = itemDirty || formDirty;
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  const formProblems: PathProblem[] = useMemo(
    () =>
      problems
        .filter((p) => tabOf(p.field) === 'form')
        .map((p) => ({ path: p.field.replace(/^form\.?/, ''), message: p.message })),
    [problems],
  );
  const countByTab = useMemo(() => {
    const m = new Map<string, number>();
    for (const p of problems) m.set(tabOf(p.field), (m.get(tabOf(p.field)) ?? 0) + 1);
    return m;
  }, [problems]);

  if (item.error) return <ErrorAlert error={item.error} onRetry={item.reload} />;
  if (!item.data) return <PageLoading />;
  const data: ServiceItem = item.data;

  /** Puts server problems on the inputs they name; all of them stay listed at the top. */
  const showProblems = (e: unknown) => {
    const details = problemsOf(e);
    setProblems(details);
    setError(details.length > 0 ? null : e);
    const known = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
    const fields = details
      .filter((d) => tabOf(d.field) !== 'form')
      .map((d) => ({ name: editorPath(d.field), errors: [d.message] }))
      .filter((f) => known.has(JSON.stringify(f.name)));
    if (fields.length > 0) form.setFields(fields as never);
    const first = details[0];
    if (first) setTab(tabOf(first.field));
  };

  const clearProblems = () => {
    setProblems([]);
    setError(null);
    form.setFields(
      form
        .getFieldsError()
        .filter((f) => f.errors.length > 0)
        .map((f) => ({ name: f.name, errors: [] })) as never,
    );
  };

  const save = async (quiet = false): Promise<boolean> => {
    clearProblems();
    try {
      await form.validateFields();
    } catch (e) {
      // Show the tab holding the first input that needs attention.
      const first = (e as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0]?.name[0];
      if (typeof first === 'string') setTab(tabOf(first));
      message.error('有必填项未填写，请检查标红的输入框');
      return false;
    }
    setBusy('save');
    try {
      let saved: ServiceItem | null = null;
      if (itemDirty) {
        const input: ItemInput = inputFromValues(form.getFieldsValue(true) as ItemValues);
        saved = await serviceApi.update(id, input);
        setItemDirty(false);
      }
      if (formDirty) {
        saved = await serviceApi.saveForm(id, cleanForm(formDef));
        setFormDirty(false);
      }
      if (!quiet) message.success(saved ? '已保存' : '没有需要保存的修改');
      if (saved) item.reload();
      return true;
    } catch (e) {
      showProblems(e);
      return false;
    } finally {
      setBusy(null);
    }
  };

  const publish = () =>
    modal.confirm({
      title: data.status === 'suspended' ? `恢复办理“${data.name}”？` : `发布“${data.name}”？`,
      content:
        '发布后事项在网上办事大厅公开，申请人可以按当前的申请材料、表单和流程在线申请。发布前会检查实施清单是否完整。',
      okText: data.status === 'suspended' ? '恢复办理' : '发布',
      cancelText: '取消',
      onOk: async () => {
        if (dirty && !(await save(true))) return;
        setBusy('publish');
        clearProblems();
        try {
          await serviceApi.publish(id);
          message.success('事项已发布');
          item.reload();
        } catch (e) {
          showProblems(e);
        } finally {
          setBusy(null);
        }
      },
    });

  const suspend = async () => {
    setBusy('suspend');
    try {
      await serviceApi.suspend(id, reason.trim());
      message.success('事项已暂停办理');
      setSuspending(false);
      setReason('');
      item.reload();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const tabLabel = (key: string) => {
    const n = countByTab.get(key) ?? 0;
    return n > 0 ? (
      <Badge count={n} size="small" offset={[8, -2]} color="#b91c1c">
        <span>{TAB_NAMES[key]}</span>
      </Badge>
    ) : (
      TAB_NAMES[key]
    );
  };

  return (
    <>
      <PageHeader
        title={`事项：${data.name || '（未命名）'}`}
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/services')}>
              返回列表
            </Button>
            <Button
              icon={<SaveOutlined />}
              onClick={() => void save()}
              loading={busy === 'save'}
              disabled={!dirty}
            >
              保存
            </Button>
            {canPublish && data.status === 'published' ? (
              <Button danger icon={<PauseCircleOutlined />} onClick={() => setSuspending(true)}>
                暂停办理
              </Button>
            ) : null}
            {canPublish ? (
              <Button type="primary" icon={<SendOutlined />} onClick={publish} loading={busy === 'publish'}>
                {data.status === 'suspended' ? '恢复办理' : data.status === 'published' ? '重新发布' : '发布'}
              </Button>
            ) : null}
          </>
        }
      >
        <Space wrap size={[8, 4]}>
          <span>实施编码 {data.code || data.implementationCode}</span>
          <ItemStatusTag status={data.status} />
          {data.version ? <span>第 {data.version} 版</span> : null}
          {data.publishedAt ? <span>发布于 {formatDateTime(data.publishedAt)}</span> : null}
          {data.statusReason ? <span>暂停原因：{data.statusReason}</span> : null}
          {dirty ? <ToneTag tone="orange">有未保存的修改</ToneTag> : null}
        </Space>
      </PageHeader>
      <ErrorAlert error={error} />
      {problems.length > 0 ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={`有 ${problems.length} 处需要修改`}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20, maxHeight: 200, overflow: 'auto' }}>
              {problems.map((p) => (
                <li key={`${p.field}:${p.message}`}>
                  <Button
                    type="link"
                    size="small"
                    style={{ padding: 0, height: 'auto' }}
                    onClick={() => setTab(tabOf(p.field))}
                  >
                    {TAB_NAMES[tabOf(p.field)]}
                  </Button>
                  ：{p.message}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Form<ItemValues>
        form={form}
        layout="vertical"
        component={false}
        onValuesChange={() => setItemDirty(true)}
      >
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'basic',
              label: tabLabel('basic'),
              forceRender: true,
              children: <BasicTab taxonomy={taxonomy} orgs={orgs.data} orgsLoading={orgs.loading} />,
            },
            { key: 'materials', label: tabLabel('materials'), forceRender: true, children: <MaterialsTab /> },
            {
              key: 'fees',
              label: tabLabel('fees'),
              forceRender: true,
              children: <FeesTab formDef={formDef} />,
            },
            { key: 'limits', label: tabLabel('limits'), forceRender: true, children: <LimitsTab /> },
            {
              key: 'handling',
              label: tabLabel('handling'),
              forceRender: true,
              children: (
                <HandlingTab
                  taxonomy={taxonomy}
                  processes={processes.data?.items}
                  processesLoading={processes.loading}
                />
              ),
            },
            { key: 'contacts', label: tabLabel('contacts'), forceRender: true, children: <ContactsTab /> },
            { key: 'faq', label: tabLabel('faq'), forceRender: true, children: <FaqTab /> },
            {
              key: 'form',
              label: tabLabel('form'),
              children: (
                <FormEditor
                  value={formDef}
                  problems={formProblems}
                  onChange={(next) => {
                    setFormDef(next);
                    setFormDirty(true);
                    // The editor checks the definition live; the last save's form problems are stale now.
                    setProblems((ps) =>
                      ps.some((p) => tabOf(p.field) === 'form')
                        ? ps.filter((p) => tabOf(p.field) !== 'form')
                        : ps,
                    );
                  }}
                />
              ),
            },
          ]}
        />
      </Form>
      {suspending ? (
        <Modal
          open
          title={`暂停办理“${data.name}”`}
          okText="暂停办理"
          okButtonProps={{ danger: true, disabled: !reason.trim(), loading: busy === 'suspend' }}
          cancelText="取消"
          onOk={() => void suspend()}
          onCancel={() => setSuspending(false)}
        >
          <Typography.Paragraph>暂停后办事大厅不再受理新的申请，已受理的办件照常办理。</Typography.Paragraph>
          <label htmlFor="zt-suspend-reason">暂停原因</label>
          <Input.TextArea
            id="zt-suspend-reason"
            rows={3}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </Modal>
      ) : null}
    </>
  );
}

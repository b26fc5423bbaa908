// One article: write or edit it (site and column in the user's scope, title, subtitle, source, author,
// tags, scheduled publishing and expiry, policy-document fields, cover image and attachments, the rich
// text body), then act on it by status and permission (submit, pass review and publish, return or
// withdraw with a reason, push to another site), and compare any two of its revisions.
import { PaperClipOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  type FormInstance,
  Input,
  Select,
  Space,
  Tabs,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { useRequest } from '../../app/hooks.ts';
import {
  applyFieldErrors,
  ErrorAlert,
  formatDateTime,
  PageHeader,
  PageLoading,
  VisuallyHidden,
} from '../../app/ui.tsx';
import { uploadFile } from '../services/api.ts';
import { PushDialog, ReasonDialog } from './ArticleDialogs.tsx';
import {
  type ArticleAttachment,
  type ArticleInput,
  type ArticleView,
  bodyForEditing,
  bodyForSaving,
  cmsApi,
  staffFileUrl,
  VALIDITIES,
  VALIDITY_NAMES,
  type Validity,
} from './api.ts';
import { RevisionsPanel } from './RevisionsPanel.tsx';
import {
  ArticleStatusTag,
  CMS_EDIT,
  CMS_REVIEW,
  ColumnTreeSelect,
  SiteSelect,
  useColumns,
  useSites,
} from './shared.tsx';

const RichTextEditor = lazy(() => import('./RichTextEditor.tsx'));

interface Values {
  siteId?: string;
  columnId?: string;
  title: string;
  subtitle?: string;
  source?: string;
  author?: string;
  tags?: string[];
  body?: string;
  publishAt?: Dayjs | null;
  expiresAt?: Dayjs | null;
  docNumber?: string;
  writtenOn?: Dayjs | null;
  validity?: Validity | null;
  interpretationIds?: string[];
  coverFileId?: string | null;
  attachmentIds?: ArticleAttachment[];
  note?: string;
}

/** The body field: the editor arrives in its own chunk. */
function BodyEditor(props: {
  id?: string;
  value?: string;
  onChange?: (v: string) => void;
  'aria-invalid'?: boolean;
}) {
  return (
    <Suspense fallback={<PageLoading label="正在加载编辑器…" />}>
      <RichTextEditor
        id={props.id}
        value={props.value}
        onChange={props.onChange}
        label="正文"
        invalid={props['aria-invalid']}
      />
    </Suspense>
  );
}

function valuesOf(a: ArticleView): Values {
  return {
    siteId: a.siteId,
    columnId: a.columnId,
    title: a.title,
    subtitle: a.subtitle,
    source: a.source,
    author: a.author,
    tags: a.tags,
    body: bodyForEditing(a.body),
    publishAt: a.publishAt ? dayjs(a.publishAt) : null,
    expiresAt: a.expiresAt ? dayjs(a.expiresAt) : null,
    docNumber: a.docNumber ?? '',
    writtenOn: a.writtenOn ? dayjs(a.writtenOn) : null,
    validity: a.validity,
    interpretationIds: a.interpretationIds,
    coverFileId: a.coverFileId,
    attachmentIds: a.attachments,
    note: '',
  };
}

function inputOf(v: Values): ArticleInput {
  return {
    columnId: v.columnId,
    title: v.title ?? '',
    subtitle: v.subtitle ?? '',
    source: v.source ?? '',
    author: v.author ?? '',
    tags: v.tags ?? [],
    body: bodyForSaving(v.body ?? ''),
    publishAt: v.publishAt ? v.publishAt.toISOString() : null,
    expiresAt: v.expiresAt ? v.expiresAt.toISOString() : null,
    docNumber: v.docNumber?.trim() ? v.docNumber.trim() : null,
    writtenOn: v.writtenOn ? v.writtenOn.format('YYYY-MM-DD') : null,
    validity: v.validity ?? null,
    interpretationIds: v.interpretationIds ?? [],
    attachmentIds: (v.attachmentIds ?? []).map((a) => a.fileId),
    coverFileId: v.coverFileId ?? null,
    note: v.note?.trim() ?? '',
  };
}

/** Server field names such as `tags[2]` or `attachmentIds[0]` belong to the list field. */
function listFieldsToTop(e: unknown): unknown {
  if (!(e instanceof ApiError)) return e;
  return new ApiError(
    e.status,
    e.code,
    e.message,
    e.details.map((d) => ({ ...d, field: d.field.replace(/\[\d+\]$/, '') })),
  );
}

function sizeText(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

/** Uploads one file through POST /api/v1/files; the error is shown as a message. */
function useUpload() {
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(false);
  const upload = async (file: File | undefined): Promise<ArticleAttachment | null> => {
    if (!file) return null;
    setUploading(true);
    try {
      const stored = await uploadFile(file);
      return { fileId: stored.id, name: file.name, mime: stored.contentType, size: stored.size };
    } catch (e) {
      message.error(`上传失败：${errorMessage(e)}`);
      return null;
    } finally {
      setUploading(false);
    }
  };
  return { uploading, upload };
}

function CoverField({
  id,
  value,
  onChange,
  disabled,
}: {
  id?: string;
  value?: string | null;
  onChange?: (v: string | null) => void;
  disabled?: boolean;
}) {
  const input = useRef<HTMLInputElement>(null);
  const { uploading, upload } = useUpload();
  return (
    <Flex gap={8} align="center" wrap>
      {value ? (
        <img
          src={staffFileUrl(value)}
          alt="封面图片"
          style={{ height: 64, borderRadius: 4, border: '1px solid #e5e7eb' }}
        />
      ) : (
        <Typography.Text type="secondary">未设置</Typography.Text>
      )}
      <Button
        id={id}
        icon={<UploadOutlined />}
        disabled={disabled || uploading}
        loading={uploading}
        onClick={() => input.current?.click()}
      >
        {value ? '更换封面' : '上传封面'}
      </Button>
      {value ? (
        <Button disabled={disabled} onClick={() => onChange?.(null)}>
          移除封面
        </Button>
      ) : null}
      <input
        ref={input}
        type="file"
        style={{ display: 'none' }}
        accept="image/jpeg,image/png,image/gif,image/webp"
        aria-label="选择封面图片"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          void upload(file).then((f) => f && onChange?.(f.fileId));
        }}
      />
    </Flex>
  );
}

function AttachmentsField({
  id,
  value,
  onChange,
  disabled,
}: {
  id?: string;
  value?: ArticleAttachment[];
  onChange?: (v: ArticleAttachment[]) => void;
  disabled?: boolean;
}) {
  const input = useRef<HTMLInputElement>(null);
  const { uploading, upload } = useUpload();
  const list = value ?? [];
  return (
    <Flex vertical gap={6}>
      {list.length === 0 ? <Typography.Text type="secondary">没有附件</Typography.Text> : null}
      {list.length > 0 ? (
        <ul aria-label="附件列表" style={{ margin: 0, paddingInlineStart: 0, listStyle: 'none' }}>
          {list.map((a) => (
            <li key={a.fileId} style={{ marginBottom: 4 }}>
              <Space>
                <PaperClipOutlined aria-hidden />
                <a href={staffFileUrl(a.fileId)}>{a.name}</a>
                <Typography.Text type="secondary">{sizeText(a.size)}</Typography.Text>
                <Button
                  size="small"
                  danger
                  disabled={disabled}
                  onClick={() => onChange?.(list.filter((x) => x.fileId !== a.fileId))}
                >
                  移除<VisuallyHidden> {a.name}</VisuallyHidden>
                </Button>
              </Space>
            </li>
          ))}
        </ul>
      ) : null}
      <div>
        <Button
          id={id}
          icon={<UploadOutlined />}
          disabled={disabled || uploading}
          loading={uploading}
          onClick={() => input.current?.click()}
        >
          上传附件
        </Button>
      </div>
      <input
        ref={input}
        type="file"
        style={{ display: 'none' }}
        aria-label="选择附件"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          void upload(file).then((f) => f && onChange?.([...list, f]));
        }}
      />
    </Flex>
  );
}

/** Tags typed in and ended with Enter or a comma; shown as text where the article cannot be edited
 * (antd's disabled tags fall short of the text contrast WCAG asks for). */
function TagsInput({
  id,
  value,
  onChange,
  readOnly,
}: {
  id?: string;
  value?: string[];
  onChange?: (v: string[]) => void;
  readOnly?: boolean;
}) {
  if (readOnly) return <Typography.Text id={id}>{value?.length ? value.join('、') : '—'}</Typography.Text>;
  return (
    <Select
      id={id}
      mode="tags"
      value={value}
      onChange={onChange}
      maxCount={10}
      tokenSeparators={[',', '，', ' ']}
      placeholder="输入后回车"
      open={false}
    />
  );
}

/** Published articles of the site to link as 政策解读. */
function InterpretationSelect({
  siteId,
  selfId,
  value,
  onChange,
  id,
  readOnly,
}: {
  siteId: string | undefined;
  selfId: string | undefined;
  readOnly?: boolean;
  value?: string[];
  onChange?: (v: string[]) => void;
  id?: string;
}) {
  const [q, setQ] = useState('');
  const found = useRequest(siteId ? `cms:interp:${siteId}:${q}` : null, (signal) =>
    cmsApi.articles({ siteId, status: 'published', q: q || undefined, page: 1, pageSize: 20 }, signal),
  );
  const chosenKey = (value ?? []).join(',');
  const chosen = useRequest(chosenKey ? `cms:interp-chosen:${chosenKey}` : null, (signal) =>
    Promise.all((value ?? []).map((v) => cmsApi.article(v, signal).catch(() => null))),
  );
  const options = new Map<string, string>();
  for (const a of chosen.data ?? []) if (a) options.set(a.id, a.title);
  for (const a of found.data?.items ?? []) if (a.id !== selfId) options.set(a.id, a.title);
  if (readOnly)
    return (
      <Typography.Text id={id}>
        {(chosen.data ?? []).flatMap((a) => (a ? [a.title] : [])).join('；') || '—'}
      </Typography.Text>
    );
  return (
    <Select<string[]>
      id={id}
      mode="multiple"
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: (s) => setQ(s.trim()) }}
      loading={found.loading}
      disabled={!siteId}
      placeholder={siteId ? '搜索本网站已发布的解读稿件' : '先选择网站'}
      notFoundContent={found.loading ? '正在搜索…' : '没有找到已发布的稿件'}
      options={[...options].map(([v, label]) => ({ value: v, label }))}
    />
  );
}

export function ArticleEditPage() {
  const { id } = useParams<{ id: string }>();
  const isNew = !id || id === 'new';
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { can } = useAuth();
  const sites = useSites();
  const [form] = Form.useForm<Values>();
  const loaded = useRequest(isNew ? null : `cms:article:${id}`, (signal) => cmsApi.article(id ?? '', signal));
  const [article, setArticle] = useState<ArticleView | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [dialog, setDialog] = useState<'return' | 'withdraw' | 'push' | null>(null);
  const [revisionsKey, setRevisionsKey] = useState(0);

  useEffect(() => {
    if (!loaded.data) return;
    setArticle(loaded.data);
    form.setFieldsValue(valuesOf(loaded.data));
  }, [loaded.data, form]);

  const siteId = Form.useWatch('siteId', form) ?? article?.siteId;
  const columnId = Form.useWatch('columnId', form);
  const columns = useColumns(siteId);
  const column = columns.data?.find((c) => c.id === columnId);
  const policy = column?.type === 'policy' || !!article?.docNumber;

  const status = article?.status;
  const mayEdit = can(CMS_EDIT) || can(CMS_REVIEW);
  const mayReview = can(CMS_REVIEW);
  // Outside the user's sites the server answers the published page's data, without a workflow state.
  const foreign = !!article && !article.status;
  const editable = isNew || (mayEdit && !!article && !article.copyOf && !foreign);
  const title = isNew ? '写稿件' : article ? `稿件：${article.title}` : '稿件';

  const accept = (a: ArticleView, text: string) => {
    setArticle(a);
    form.setFieldsValue(valuesOf(a));
    setRevisionsKey((k) => k + 1);
    message.success(text);
  };

  const fail = (e: unknown) => {
    // The server's previous refusals give way to this answer's.
    (form as FormInstance).setFields(
      form
        .getFieldsError()
        .filter((f) => f.errors.length > 0)
        .map((f) => ({ name: f.name, errors: [] })),
    );
    const normalised = listFieldsToTop(e);
    if (!applyFieldErrors(form, normalised)) setError(e);
    else setError(null);
  };

  const save = async (): Promise<ArticleView | null> => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return null;
    }
    setSaving(true);
    setError(null);
    try {
      const body = inputOf(v);
      if (isNew || !article) {
        const created = await cmsApi.createArticle({
          ...body,
          siteId: v.siteId ?? '',
          columnId: v.columnId ?? '',
          title: body.title ?? '',
          body: body.body ?? '',
        });
        message.success('稿件已保存为草稿');
        navigate(`/articles/${encodeURIComponent(created.id)}`, { replace: true });
        return created;
      }
      const updated = await cmsApi.updateArticle(article.id, body);
      accept(updated, `已保存为第 ${updated.revision} 版`);
      return updated;
    } catch (e) {
      fail(e);
      return null;
    } finally {
      setSaving(false);
    }
  };

  const act = async (run: () => Promise<ArticleView>, text: string) => {
    setSaving(true);
    setError(null);
    try {
      accept(await run(), text);
    } catch (e) {
      fail(e);
    } finally {
      setSaving(false);
    }
  };

  const submit = async () => {
    if (!article) return;
    // Unsaved changes are saved first, so what is reviewed is what the editor sees.
    const saved = form.isFieldsTouched() ? await save() : article;
    if (!saved) return;
    await act(() => cmsApi.submit(saved.id), '已提交审核');
  };

  const statusLine = useMemo(() => {
    if (!article) return null;
    return (
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          {
            key: 'status',
            label: '状态',
            children: (
              <Space>
                {article.status ? (
                  <ArticleStatusTag status={article.status} name={article.statusName} />
                ) : (
                  '已发布'
                )}
                {article.reviewLevels === 2 && ['submitted', 'reviewed'].includes(article.status)
                  ? `二级审核 ${article.reviewsDone}/2`
                  : null}
              </Space>
            ),
          },
          { key: 'site', label: '网站 / 栏目', children: `${article.siteName} / ${article.columnName}` },
          {
            key: 'rev',
            label: '版本',
            children: `第 ${article.revision} 版${article.publicRevision ? `（公开第 ${article.publicRevision} 版）` : ''}`,
          },
          { key: 'updated', label: '更新时间', children: formatDateTime(article.updatedAt) },
          {
            key: 'published',
            label: '发布时间',
            children: formatDateTime(article.publishedAt ?? article.publishAt),
          },
          {
            key: 'url',
            label: '公开页面',
            children: article.url ? (
              <a href={article.url} target="_blank" rel="noreferrer">
                {article.url}
              </a>
            ) : (
              '未发布'
            ),
          },
        ]}
      />
    );
  }, [article]);

  if (!isNew && loaded.loading && !article) return <PageLoading />;
  if (!isNew && loaded.error && !article)
    return (
      <>
        <PageHeader title="稿件" />
        <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
        <Link to="/articles">返回稿件列表</Link>
      </>
    );

  const canSubmit = !!article && mayEdit && (status === 'draft' || status === 'returned');
  const awaiting = status === 'submitted' || status === 'reviewed';
  const canWithdraw = !!article && mayReview && (status === 'published' || status === 'scheduled');
  const canPush = !!article && can(CMS_EDIT) && status === 'published' && !article.copyOf;

  const editorForm = (
    <Form<Values>
      form={form}
      layout="vertical"
      disabled={!editable || saving}
      initialValues={{ tags: [], interpretationIds: [], attachmentIds: [], coverFileId: null, body: '' }}
      onFinish={() => void save()}
      // A server refusal stays on its field until the field is changed.
      onValuesChange={(changed) =>
        (form as FormInstance).setFields(Object.keys(changed).map((name) => ({ name, errors: [] })))
      }
      scrollToFirstError
    >
      <Flex gap={16} wrap>
        <Form.Item
          name="siteId"
          label="网站"
          rules={[{ required: true, message: '请选择网站' }]}
          style={{ minWidth: 240, flex: 1 }}
        >
          <SiteSelect
            // A new article goes to a site the user may write in; an existing one shows its own site.
            sites={isNew ? sites.mine.filter((s) => s.permissions.includes(CMS_EDIT)) : sites.mine}
            loading={sites.loading}
            disabled={!isNew}
            onChange={() => form.setFieldValue('columnId', undefined)}
          />
        </Form.Item>
        <Form.Item
          name="columnId"
          label="栏目"
          rules={[{ required: true, message: '请选择栏目' }]}
          style={{ minWidth: 240, flex: 1 }}
        >
          <ColumnTreeSelect
            columns={columns.data}
            loading={columns.loading}
            articlesOnly
            disabled={!siteId || !editable}
            placeholder={siteId ? '请选择栏目' : '先选择网站'}
          />
        </Form.Item>
      </Flex>
      <Form.Item
        name="title"
        label="标题"
        rules={[{ required: true, whitespace: true, message: '请填写标题' }]}
      >
        <Input maxLength={200} showCount />
      </Form.Item>
      <Form.Item name="subtitle" label="副标题">
        <Input maxLength={200} />
      </Form.Item>
      <Flex gap={16} wrap>
        <Form.Item name="source" label="来源" style={{ minWidth: 200, flex: 1 }}>
          <Input maxLength={100} placeholder="如 青田县人民政府办公室" />
        </Form.Item>
        <Form.Item name="author" label="作者" style={{ minWidth: 200, flex: 1 }}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="tags" label="标签" style={{ minWidth: 240, flex: 1 }}>
          <TagsInput readOnly={!editable} />
        </Form.Item>
      </Flex>
      <Flex gap={16} wrap>
        <Form.Item
          name="publishAt"
          label="定时发布时间"
          extra="留空则审核通过后立即发布"
          style={{ minWidth: 240 }}
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="expiresAt" label="失效时间" extra="到期后自动下线" style={{ minWidth: 240 }}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: 220 }} />
        </Form.Item>
      </Flex>
      {policy ? (
        <Card size="small" title="政策文件信息" style={{ marginBottom: 16 }}>
          <Flex gap={16} wrap>
            <Form.Item
              name="docNumber"
              label="文号"
              extra="如 青政发〔2026〕3号"
              style={{ minWidth: 240, flex: 1 }}
            >
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="writtenOn" label="成文日期" style={{ minWidth: 180 }}>
              <DatePicker format="YYYY-MM-DD" style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="validity" label="有效性" style={{ minWidth: 160 }}>
              <Select<Validity>
                allowClear
                style={{ width: 160 }}
                options={VALIDITIES.map((v) => ({ value: v, label: VALIDITY_NAMES[v] }))}
              />
            </Form.Item>
          </Flex>
          <Form.Item name="interpretationIds" label="政策解读" style={{ marginBottom: 0 }}>
            <InterpretationSelect siteId={siteId} selfId={article?.id} readOnly={!editable} />
          </Form.Item>
        </Card>
      ) : null}
      <Form.Item label="封面图片" name="coverFileId">
        <CoverField disabled={!editable} />
      </Form.Item>
      <Form.Item name="body" label="正文" rules={[{ required: true, message: '请填写正文' }]}>
        <BodyEditor />
      </Form.Item>
      <Form.Item label="附件" name="attachmentIds">
        <AttachmentsField disabled={!editable} />
      </Form.Item>
      {!isNew ? (
        <Form.Item name="note" label="修改说明" extra="保存时记入版本记录">
          <Input maxLength={200} placeholder="如 更正第二段数据" />
        </Form.Item>
      ) : null}
      {editable ? (
        <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving}>
          {isNew ? '保存草稿' : '保存'}
        </Button>
      ) : null}
    </Form>
  );

  return (
    <>
      <PageHeader
        title={title}
        extra={
          <>
            <Button onClick={() => navigate('/articles')}>返回列表</Button>
            {canSubmit ? (
              <Button type="primary" loading={saving} onClick={() => void submit()}>
                提交审核
              </Button>
            ) : null}
            {article && mayReview && awaiting ? (
              <>
                <Button
                  type="primary"
                  loading={saving}
                  onClick={() =>
                    void act(
                      () => cmsApi.publish(article.id),
                      article.reviewLevels === 2 && article.reviewsDone === 0 ? '已通过一级审核' : '审核通过',
                    )
                  }
                >
                  {article.reviewLevels === 2 && article.reviewsDone === 0
                    ? '通过一级审核'
                    : '审核通过并发布'}
                </Button>
                <Button danger onClick={() => setDialog('return')}>
                  退回
                </Button>
              </>
            ) : null}
            {canWithdraw ? (
              <Button danger onClick={() => setDialog('withdraw')}>
                撤稿
              </Button>
            ) : null}
            {canPush ? <Button onClick={() => setDialog('push')}>报送到其他网站</Button> : null}
          </>
        }
      />
      {statusLine}
      {article?.status === 'returned' && article.returnReason ? (
        <Alert
          type="warning"
          showIcon
          style={{ margin: '12px 0' }}
          title="稿件被退回"
          description={`退回理由：${article.returnReason}`}
        />
      ) : null}
      {article?.withdrawnAt ? (
        <Alert
          type="warning"
          showIcon
          style={{ margin: '12px 0' }}
          title={`已于 ${formatDateTime(article.withdrawnAt)} 撤稿`}
          description={`撤稿理由：${article.withdrawReason ?? ''}`}
        />
      ) : null}
      {foreign ? (
        <Alert
          type="info"
          showIcon
          style={{ margin: '12px 0' }}
          title="该稿件不在您的管理范围内"
          description="这里显示的是公开发布的内容，您不能修改或审核。"
        />
      ) : null}
      {article?.copyOf ? (
        <Alert
          type="info"
          showIcon
          style={{ margin: '12px 0' }}
          title="这是转载稿"
          description={`${article.credit ?? ''}。转载稿随原稿更新，不能在这里修改。`}
        />
      ) : null}
      <ErrorAlert error={error} />
      <ErrorAlert error={sites.error} onRetry={sites.reload} />
      {isNew ? (
        editorForm
      ) : (
        <Tabs
          items={[
            { key: 'edit', label: '内容', children: editorForm },
            ...(foreign
              ? []
              : [
                  {
                    key: 'revisions',
                    label: '版本记录',
                    children: article ? <RevisionsPanel key={revisionsKey} articleId={article.id} /> : null,
                  },
                ]),
          ]}
        />
      )}
      {dialog === 'return' && article ? (
        <ReasonDialog
          title={`退回稿件“${article.title}”`}
          label="退回理由"
          okText="退回"
          onCancel={() => setDialog(null)}
          onSubmit={(reason) => cmsApi.returnArticle(article.id, reason)}
          onDone={(a) => {
            setDialog(null);
            accept(a, '已退回编辑');
          }}
        />
      ) : null}
      {dialog === 'withdraw' && article ? (
        <ReasonDialog
          title={`撤下稿件“${article.title}”`}
          label="撤稿理由"
          okText="撤稿"
          help="撤稿后页面保留并注明已撤稿，不再出现在栏目列表和搜索结果中；转载稿一并撤下。"
          onCancel={() => setDialog(null)}
          onSubmit={(reason) => cmsApi.withdraw(article.id, reason)}
          onDone={(a) => {
            setDialog(null);
            accept(a, '已撤稿');
          }}
        />
      ) : null}
      {dialog === 'push' && article ? (
        <PushDialog
          article={article}
          sites={sites.all}
          onCancel={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            message.success('已报送，等待对方网站审核采用');
          }}
        />
      ) : null}
    </>
  );
}

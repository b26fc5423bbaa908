// 稿件管理: the articles of the sites in the user's scope, filtered by site, column, status and title;
// and 审核 (the same list limited to articles waiting for a reviewer: first or second level).
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Segmented, Select, type TableColumnsType, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth.tsx';
import { useRequest, useUrlQuery } from '../../app/hooks.ts';
import { FilterButtons, ListTable, pager } from '../../app/lists.tsx';
import { ErrorAlert, formatDateTime, PageHeader } from '../../app/ui.tsx';
import {
  ARTICLE_STATUS_NAMES,
  ARTICLE_STATUSES,
  type ArticleStatus,
  type ArticleView,
  cmsApi,
} from './api.ts';
import { ArticleStatusTag, CMS_EDIT, ColumnTreeSelect, SiteSelect, useColumns, useSites } from './shared.tsx';

const KEYS = ['siteId', 'columnId', 'status', 'q'] as const;

interface Filters {
  siteId?: string;
  columnId?: string;
  status?: ArticleStatus;
  q?: string;
}

function isStatus(s: string | undefined): s is ArticleStatus {
  return !!s && (ARTICLE_STATUSES as readonly string[]).includes(s);
}

export function ArticlesPage({ review = false }: { review?: boolean }) {
  const navigate = useNavigate();
  const { can } = useAuth();
  const { filters, page, pageSize, setQuery } = useUrlQuery(KEYS);
  const sites = useSites();
  const [form] = Form.useForm<Filters>();
  const siteId = Form.useWatch('siteId', form) ?? filters.siteId;
  const columns = useColumns(siteId);
  const status: ArticleStatus | undefined = review
    ? filters.status === 'reviewed'
      ? 'reviewed'
      : 'submitted'
    : isStatus(filters.status)
      ? filters.status
      : undefined;
  const query = {
    siteId: filters.siteId,
    columnId: filters.columnId,
    status,
    q: filters.q,
    page,
    pageSize,
  };
  const list = useRequest(`cms:articles:${JSON.stringify(query)}`, (signal) =>
    cmsApi.articles(query, signal),
  );
  const title = review ? '稿件审核' : '稿件管理';

  const tableColumns: TableColumnsType<ArticleView> = [
    {
      title: '标题',
      dataIndex: 'title',
      render: (t: string, r) => (
        <Flex vertical gap={2}>
          <Link to={`/articles/${encodeURIComponent(r.id)}`}>{t || '（无标题）'}</Link>
          {r.status === 'returned' && r.returnReason ? (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              退回理由：{r.returnReason}
            </Typography.Text>
          ) : null}
          {r.credit ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.credit}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    { title: '网站', dataIndex: 'siteName', width: 160, ellipsis: true },
    { title: '栏目', dataIndex: 'columnName', width: 130, ellipsis: true },
    {
      title: '状态',
      dataIndex: 'status',
      width: 110,
      render: (s: ArticleStatus, r) => (
        <Flex vertical gap={2} align="start">
          <ArticleStatusTag status={s} name={r.statusName} />
          {r.reviewLevels === 2 && (s === 'submitted' || s === 'reviewed') ? (
            <span style={{ fontSize: 12 }}>二级审核 {r.reviewsDone}/2</span>
          ) : null}
        </Flex>
      ),
    },
    { title: '版本', dataIndex: 'revision', width: 70, render: (n: number) => `第 ${n} 版` },
    { title: '更新时间', dataIndex: 'updatedAt', width: 170, render: (v: string) => formatDateTime(v) },
  ];

  const apply = (v: Filters) =>
    setQuery({
      siteId: v.siteId,
      columnId: v.columnId,
      status: review ? status : v.status,
      q: v.q?.trim(),
    });

  return (
    <>
      <PageHeader
        title={title}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={list.reload} loading={list.loading}>
              刷新
            </Button>
            {!review && can(CMS_EDIT) ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/articles/new')}>
                写稿件
              </Button>
            ) : null}
          </>
        }
      >
        {review
          ? '提交审核的稿件：审核通过即发布（二级审核的栏目须由另一位审核人完成第二级），或说明理由退回编辑。'
          : '您管理范围内各网站的稿件：草稿、待审核、已发布、已退回和已撤稿的稿件都在这里。'}
      </PageHeader>
      {review ? (
        <Segmented<ArticleStatus>
          aria-label="审核级别"
          style={{ marginBottom: 12 }}
          value={status}
          onChange={(s) => setQuery({ ...filters, status: s })}
          options={[
            { value: 'submitted', label: '待审核' },
            { value: 'reviewed', label: '待二审' },
          ]}
        />
      ) : null}
      <Form<Filters>
        form={form}
        layout="inline"
        initialValues={{
          siteId: filters.siteId,
          columnId: filters.columnId,
          status: isStatus(filters.status) ? filters.status : undefined,
          q: filters.q,
        }}
        onFinish={apply}
        style={{ marginBottom: 12, rowGap: 8 }}
      >
        <Form.Item name="siteId" label="网站">
          <SiteSelect
            sites={sites.mine}
            loading={sites.loading}
            allowClear
            placeholder="全部网站"
            style={{ width: 200 }}
            onChange={() => form.setFieldValue('columnId', undefined)}
          />
        </Form.Item>
        <Form.Item name="columnId" label="栏目">
          <ColumnTreeSelect
            columns={columns.data}
            loading={columns.loading}
            allowClear
            disabled={!siteId}
            placeholder={siteId ? '全部栏目' : '先选择网站'}
            style={{ width: 200 }}
          />
        </Form.Item>
        {review ? null : (
          <Form.Item name="status" label="状态">
            <Select<ArticleStatus>
              allowClear
              placeholder="全部状态"
              style={{ width: 130 }}
              options={ARTICLE_STATUSES.map((s) => ({ value: s, label: ARTICLE_STATUS_NAMES[s] }))}
            />
          </Form.Item>
        )}
        <Form.Item name="q" label="标题">
          <Input allowClear placeholder="标题关键词" maxLength={100} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item>
          <FilterButtons
            onReset={() => {
              form.resetFields();
              form.setFieldsValue({
                siteId: undefined,
                columnId: undefined,
                status: undefined,
                q: undefined,
              });
              setQuery(review ? { status } : {});
            }}
          />
        </Form.Item>
      </Form>
      <ErrorAlert error={sites.error} onRetry={sites.reload} />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <ListTable<ArticleView>
        label={review ? '待审核稿件' : '稿件列表'}
        empty={review ? '没有等待审核的稿件' : '没有符合条件的稿件'}
        rowKey="id"
        columns={tableColumns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        pagination={pager({
          page,
          pageSize,
          total: list.data?.total,
          unit: '篇',
          onChange: (p, size) => setQuery({ ...filters, status, page: p, pageSize: size }),
        })}
      />
    </>
  );
}

export function ReviewPage() {
  return <ArticlesPage review />;
}

// 网站健康检查: the cluster overview (each site's verdict against the national inspection index and its
// counts of 单项否决 / 扣分 / 预警 findings) and a site's page listing its findings grouped by severity,
// each with the indicator it breaks, where it shows and a link to fix it; "立即检查" queues a check.
import { ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Statistic,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { useRequest } from '../../app/hooks.ts';
import { ListTable } from '../../app/lists.tsx';
import { ErrorAlert, formatDateTime, PageHeader, PageLoading, type Tone, ToneTag } from '../../app/ui.tsx';
import {
  type Finding,
  healthApi,
  type OverviewItem,
  SEVERITY_NAMES,
  SEVERITY_ORDER,
  type Severity,
  type SiteHealth,
  type Verdict,
} from './api.ts';

const VERDICT_TONES: Record<Verdict, Tone> = {
  pass: 'green',
  fail: 'red',
  rectify: 'orange',
  unchecked: 'gray',
};
const SEVERITY_TONES: Record<Severity, Tone> = { veto: 'red', deduction: 'orange', warning: 'gold' };
const SEVERITY_HINTS: Record<Severity, string> = {
  veto: '出现任意一项即判定为不合格网站，须立即整改',
  deduction: '按检查指标扣分，应在下次检查前整改',
  warning: '尚未构成问题，临近检查指标的阈值，请提前处理',
};

function VerdictTag({ verdict, name }: { verdict: Verdict; name: string }) {
  return (
    <ToneTag tone={VERDICT_TONES[verdict]} style={{ marginInlineEnd: 0 }}>
      {name}
    </ToneTag>
  );
}

/** A console path from the server (/console/…) as a router link inside the console. */
function consoleTo(path: string): string {
  return path.startsWith('/console/') ? path.slice('/console'.length) : path;
}

function useRunCheck(onQueued: () => void) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (siteId: string, siteName: string) => {
    setBusy(siteId);
    try {
      const r = await healthApi.run(siteId);
      message.success(r.queued ? `已发起“${siteName}”的健康检查` : `“${siteName}”已有正在进行的检查`);
      onQueued();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  return { busy, run };
}

/** Reloads every few seconds while a check is queued or running. */
function usePoll(active: boolean, reload: () => void) {
  useEffect(() => {
    if (!active) return;
    const t = setTimeout(reload, 3000);
    return () => clearTimeout(t);
  });
}

export function HealthOverviewPage() {
  const { data, error, loading, reload } = useRequest('health-overview', (signal) =>
    healthApi.overview(signal),
  );
  const { busy, run } = useRunCheck(reload);
  usePoll(!!data?.items.some((i) => i.pending), reload);
  const columns: TableColumnsType<OverviewItem> = [
    {
      title: '网站',
      dataIndex: 'siteName',
      render: (name: string, r) => <Link to={`/health/${encodeURIComponent(r.siteId)}`}>{name}</Link>,
    },
    { title: '网站标识码', dataIndex: 'siteCode', width: 130 },
    {
      title: '结论',
      dataIndex: 'verdict',
      width: 170,
      render: (_: unknown, r) => <VerdictTag verdict={r.verdict} name={r.verdictName} />,
    },
    { title: '单项否决', width: 100, align: 'right', render: (_: unknown, r) => r.counts.veto },
    { title: '扣分项', width: 90, align: 'right', render: (_: unknown, r) => r.counts.deduction },
    { title: '预警', width: 80, align: 'right', render: (_: unknown, r) => r.counts.warning },
    {
      title: '检查时间',
      dataIndex: 'checkedAt',
      width: 170,
      render: (v: string | null, r) => (r.pending ? '检查中…' : v ? formatDateTime(v) : '尚未检查'),
    },
    {
      title: '操作',
      width: 110,
      render: (_: unknown, r) => (
        <Button
          size="small"
          loading={busy === r.siteId}
          disabled={r.pending}
          aria-label={`立即检查${r.siteName}`}
          onClick={() => void run(r.siteId, r.siteName)}
        >
          立即检查
        </Button>
      ),
    },
  ];
  const t = data?.totals;
  return (
    <>
      <PageHeader
        title="网站健康检查"
        extra={
          <Button icon={<ReloadOutlined />} onClick={reload}>
            刷新
          </Button>
        }
      >
        按《政府网站与政务新媒体检查指标》每天自动检查各网站：首页和栏目更新、空白栏目、链接可用性、页面底部网站标识。
      </PageHeader>
      <ErrorAlert error={error} onRetry={reload} />
      {t ? (
        <Flex gap={16} wrap style={{ marginBottom: 16 }}>
          <Card size="small">
            <Statistic title="网站" value={t.sites} />
          </Card>
          <Card size="small">
            <Statistic title="合格" value={t.pass} styles={{ content: { color: '#166534' } }} />
          </Card>
          <Card size="small">
            <Statistic title="需整改" value={t.rectify} styles={{ content: { color: '#9a3412' } }} />
          </Card>
          <Card size="small">
            <Statistic title="不合格（单项否决）" value={t.fail} styles={{ content: { color: '#991b1b' } }} />
          </Card>
          <Card size="small">
            <Statistic title="尚未检查" value={t.unchecked} />
          </Card>
        </Flex>
      ) : null}
      <ListTable<OverviewItem>
        label="各网站健康检查结论"
        empty="您的管理范围内没有网站"
        rowKey="siteId"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={false}
      />
    </>
  );
}

function FindingItem({ f, last }: { f: Finding; last: boolean }) {
  return (
    <li style={{ padding: '12px 0', borderBottom: last ? undefined : '1px solid #f0f0f0' }}>
      <Flex justify="space-between" gap={16} align="start">
        <Flex vertical gap={4} style={{ minWidth: 0 }}>
          <Flex gap={8} wrap align="center">
            <ToneTag tone={SEVERITY_TONES[f.severity]} style={{ marginInlineEnd: 0 }}>
              {f.severityName}
            </ToneTag>
            <Typography.Text strong>{f.indicator}</Typography.Text>
          </Flex>
          <div style={{ overflowWrap: 'anywhere' }}>{f.detail}</div>
          {f.column || f.url ? (
            <Typography.Text type="secondary" style={{ fontSize: 13, overflowWrap: 'anywhere' }}>
              {f.column ? `栏目：${f.column}　` : ''}
              {f.url ? (
                <>
                  页面：
                  <a href={f.url} target="_blank" rel="noopener noreferrer">
                    {f.url}
                  </a>
                </>
              ) : null}
            </Typography.Text>
          ) : null}
        </Flex>
        {f.fixPath ? (
          <Link to={consoleTo(f.fixPath)} style={{ whiteSpace: 'nowrap' }}>
            去整改
          </Link>
        ) : null}
      </Flex>
    </li>
  );
}

function FindingGroups({ health }: { health: SiteHealth }) {
  if (health.verdict === 'unchecked') return <Alert type="info" showIcon title="该网站尚未完成健康检查。" />;
  if (health.findings.length === 0)
    return (
      <Alert type="success" showIcon title="本次检查未发现问题。" icon={<SafetyCertificateOutlined />} />
    );
  return (
    <Flex vertical gap={16}>
      {SEVERITY_ORDER.map((s) => {
        const items = health.findings.filter((f) => f.severity === s);
        if (items.length === 0) return null;
        return (
          <Card
            key={s}
            size="small"
            title={
              <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
                {SEVERITY_NAMES[s]}（{items.length}）
              </Typography.Title>
            }
            extra={<Typography.Text type="secondary">{SEVERITY_HINTS[s]}</Typography.Text>}
          >
            <ul aria-label={`${SEVERITY_NAMES[s]}问题`} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {items.map((f, i) => (
                <FindingItem
                  key={`${f.kind}:${f.url ?? ''}:${f.detail}`}
                  f={f}
                  last={i === items.length - 1}
                />
              ))}
            </ul>
          </Card>
        );
      })}
    </Flex>
  );
}

export function SiteHealthPage() {
  const { siteId = '' } = useParams();
  const { can } = useAuth();
  const { data, error, loading, reload } = useRequest(`health-${siteId}`, (signal) =>
    healthApi.site(siteId, signal),
  );
  const { busy, run } = useRunCheck(reload);
  usePoll(!!data?.pending, reload);
  if (!data && loading) return <PageLoading />;
  return (
    <>
      <PageHeader
        title={data ? `网站健康检查：${data.siteName}` : '网站健康检查'}
        extra={
          <>
            {can('cms.site.manage') ? (
              <Link to="/health">
                <Button>全部网站</Button>
              </Link>
            ) : null}
            {data ? (
              <Button
                type="primary"
                loading={busy === data.siteId}
                disabled={!!data.pending}
                onClick={() => void run(data.siteId, data.siteName)}
              >
                {data.pending ? '检查中…' : '立即检查'}
              </Button>
            ) : null}
          </>
        }
      />
      <ErrorAlert error={error} onRetry={reload} />
      {data ? (
        <Flex vertical gap={16}>
          <Card size="small">
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2, lg: 4 }}
              items={[
                {
                  key: 'v',
                  label: '结论',
                  children: <VerdictTag verdict={data.verdict} name={data.verdictName} />,
                },
                {
                  key: 't',
                  label: '检查时间',
                  children: data.checkedAt ? formatDateTime(data.checkedAt) : '—',
                },
                {
                  key: 'c',
                  label: '问题',
                  children: `单项否决 ${data.counts.veto} 项，扣分 ${data.counts.deduction} 项，预警 ${data.counts.warning} 项`,
                },
                {
                  key: 'l',
                  label: '抓取',
                  children: `页面 ${data.pagesCrawled} 个，链接 ${data.linksChecked} 个${data.linksSkipped ? `（${data.linksSkipped} 个未检查）` : ''}`,
                },
              ]}
            />
            {data.note ? <Alert type="warning" showIcon style={{ marginTop: 12 }} title={data.note} /> : null}
            {data.pending ? (
              <Alert
                type="info"
                showIcon
                style={{ marginTop: 12 }}
                role="status"
                title={`检查${data.pending.status === 'running' ? '进行中' : '已排队'}，完成后本页自动更新`}
              />
            ) : null}
          </Card>
          <FindingGroups health={data} />
        </Flex>
      ) : null}
    </>
  );
}

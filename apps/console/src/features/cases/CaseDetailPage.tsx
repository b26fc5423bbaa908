// 办件详情: header with the case's number, item, applicant, unit, status, deadlines and level; tabs
// with the application (licence cases), materials, timeline, documents, fees and licence; the action
// panel for the open tasks the user may act on; the clock (pause, resume, extension).
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Suspense, useState } from 'react';
import { Button, Card, Col, Descriptions, Empty, Flex, Row, Tabs, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../app/auth.tsx';
import { useRequest } from '../../app/hooks.ts';
import { ErrorAlert, formatDateTime, PageHeader, PageLoading, ToneTag } from '../../app/ui.tsx';
import { ActionPanel, casePanelOf } from './ActionPanel.tsx';
import {
  type Application,
  applicationsApi,
  type CaseDetail,
  casesApi,
  serviceItemsApi,
  type TimelineEntry,
} from './api.ts';
import {
  DocumentsList,
  FeesPanel,
  FormValues,
  LicencePanel,
  MaterialsTable,
} from './ApplicationSections.tsx';
import { OrderDialog } from '../supervision/OrderDialog.tsx';
import { ClockPanel } from './ClockPanel.tsx';
import { DeadlineCell, LevelTag, useRemaining } from './deadline.tsx';
import { caseDayWord, caseTypeLabel, limitText, outcomeText, StatusTag } from './labels.tsx';

function CaseTimeline({ entries }: { entries: TimelineEntry[] }) {
  if (entries.length === 0) return <Empty description="暂无办理记录" />;
  return (
    <Timeline
      aria-label="办理过程"
      items={entries.map((e) => ({
        key: e.seq,
        color: e.kind.includes('pause') ? 'orange' : e.kind.includes('complete') ? 'green' : 'blue',
        content: (
          <div>
            <Flex gap={8} wrap align="baseline">
              <Typography.Text strong>{e.title}</Typography.Text>
              {e.stepName ? <ToneTag>{e.stepName}</ToneTag> : null}
              {e.public === false ? <ToneTag tone="purple">内部</ToneTag> : null}
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(e.at)}
              {e.actorName ? ` · ${e.actorName}` : ''}
              {e.actorOrgName ? `（${e.actorOrgName}）` : ''}
            </Typography.Text>
            {e.comment ? (
              <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>
                {e.comment}
              </Typography.Paragraph>
            ) : null}
            <TimelineItems data={e.data} />
          </div>
        ),
      }))}
    />
  );
}

/** The material list of a correction request shown under its timeline entry. */
function TimelineItems({ data }: { data: Record<string, unknown> | null | undefined }) {
  const items = data?.items;
  if (!Array.isArray(items) || items.length === 0) return null;
  return (
    <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
      {items.map((it, i) => {
        const row = (it ?? {}) as { name?: unknown; problem?: unknown };
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own
          <li key={i}>
            {String(row.name ?? '')}
            {row.problem ? `：${String(row.problem)}` : ''}
          </li>
        );
      })}
    </ul>
  );
}

const APPLICANT_KINDS: Record<string, string> = { citizen: '个人', enterprise: '法人', person: '个人' };

function CaseHeader({ detail, app }: { detail: CaseDetail; app: Application | undefined }) {
  const c = detail.case;
  const remaining = useRemaining([c.legalDeadline, c.promisedDeadline]);
  const live = c.status === 'open' || c.status === 'paused';
  // No countdown once the case has ended, nor while paused (the status says so; the date moves on resuming).
  const deadline = (d: string | null) =>
    d ? (
      <DeadlineCell due={d} remaining={c.status === 'paused' ? null : remaining(d)} finished={!live} />
    ) : (
      <Typography.Text type="secondary">{c.clockStartedOn ? '—' : '受理后起算'}</Typography.Text>
    );
  const kind = app?.applicantKind ? (APPLICANT_KINDS[app.applicantKind] ?? null) : null;
  const applicant = `${app?.applicantName ?? c.applicantName}${kind ? `（${kind}）` : ''}`;
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        items={[
          {
            key: 'number',
            label: '办件编号',
            children: <Typography.Text copyable>{c.number}</Typography.Text>,
          },
          {
            key: 'item',
            label: app ? '办理事项' : '办件类型',
            children: app ? app.itemName : caseTypeLabel(c.caseType, c.caseTypeName),
          },
          { key: 'applicant', label: '申请人', children: applicant || '—' },
          { key: 'org', label: '承办单位', children: c.orgName ?? '—' },
          {
            key: 'status',
            label: '办理状态',
            children: (
              <Flex gap={8} wrap>
                <StatusTag status={c.status} name={c.statusName} />
                {c.status === 'completed' ? <span>{outcomeText(c.outcome)}</span> : null}
                {live && c.currentSteps?.length ? (
                  <Typography.Text type="secondary">
                    {c.currentSteps.map((s) => s.name).join('、')}
                  </Typography.Text>
                ) : null}
              </Flex>
            ),
          },
          {
            key: 'level',
            label: '期限状态',
            children: live ? (
              <LevelTag level={c.level} />
            ) : (
              <Typography.Text type="secondary">已结束</Typography.Text>
            ),
          },
          { key: 'received', label: '收件日期', children: c.receivedOn },
          { key: 'clock', label: '计时起算日', children: c.clockStartedOn ?? '未起算' },
          {
            key: 'limits',
            label: '时限',
            children: `法定 ${limitText(c.legal)}，承诺 ${limitText(c.promised)}${
              c.extendedDays ? `，延长 ${c.extendedDays} ${caseDayWord(c)}` : ''
            }${c.pausedDays ? `，暂停不计 ${c.pausedDays} ${caseDayWord(c)}` : ''}`,
          },
          { key: 'legal', label: '法定办结期限', children: deadline(c.legalDeadline) },
          { key: 'promised', label: '承诺办结期限', children: deadline(c.promisedDeadline) },
          ...(c.completedAt
            ? [{ key: 'done', label: '办结时间', children: formatDateTime(c.completedAt) }]
            : []),
        ]}
      />
    </Card>
  );
}

/** Case data of a case type without an application screen, as key/value pairs. */
function CaseData({ data }: { data: Record<string, unknown> }) {
  return <FormValues values={data} item={undefined} />;
}

export function CaseDetailPage() {
  const { id = '' } = useParams();
  const { can } = useAuth();
  const [ordering, setOrdering] = useState(false);
  const back = can('task.handle') ? { to: '/tasks', label: '待办事项' } : { to: '/cases', label: '办件查询' };
  const detail = useRequest(`case:${id}`, (signal) => casesApi.get(id, signal));
  const c = detail.data?.case;
  const appId =
    c?.refId && (c.refType === 'licence_application' || c.caseType === 'licence') ? c.refId : null;
  const app = useRequest(appId ? `app:${appId}` : null, (signal) =>
    applicationsApi.get(appId as string, signal),
  );
  const itemId = app.data?.itemId ?? null;
  // The item's guide gives the form labels and the materials list; a withdrawn item leaves key/value.
  const item = useRequest(itemId ? `item:${itemId}` : null, (signal) =>
    serviceItemsApi.get(itemId as string, signal).catch(() => undefined),
  );

  const reload = () => {
    detail.reload();
    if (appId) app.reload();
  };

  if (!detail.data && detail.loading) return <PageLoading label="正在加载办件…" />;
  if (!detail.data || !c) {
    return (
      <>
        <PageHeader title="办件详情" />
        <ErrorAlert error={detail.error} onRetry={detail.reload} />
        <Link to={back.to}>返回{back.label}</Link>
      </>
    );
  }
  const d = detail.data;
  const a = app.data;
  const materials = item.data?.materials ?? [];

  const tabs = [
    ...(a
      ? [
          {
            key: 'form',
            label: '申请信息',
            children: <FormValues values={a.form ?? {}} item={item.data} summary={a.formSummary} />,
          },
          {
            key: 'materials',
            label: '申请材料',
            children: <MaterialsTable app={a} correction={a.correction} />,
          },
        ]
      : Object.keys(c.data ?? {}).length > 0
        ? [{ key: 'data', label: '办件信息', children: <CaseData data={c.data} /> }]
        : []),
    { key: 'timeline', label: '办理过程', children: <CaseTimeline entries={d.timeline} /> },
    ...(a
      ? [
          { key: 'documents', label: '文书', children: <DocumentsList documents={a.documents} /> },
          { key: 'fees', label: '收费', children: <FeesPanel app={a} onDone={reload} /> },
          { key: 'licence', label: '电子证照', children: <LicencePanel app={a} /> },
        ]
      : []),
  ];

  const actionable = d.tasks.filter((t) => t.mayAct);
  const CasePanel = casePanelOf(c.caseType);
  const others = d.tasks.filter((t) => !t.mayAct);

  return (
    <>
      <PageHeader
        title={`办件 ${c.number}`}
        extra={
          <>
            <Link to={back.to} style={{ alignSelf: 'center' }}>
              <ArrowLeftOutlined aria-hidden="true" /> 返回{back.label}
            </Link>
            {can('supervision.order') && (c.status === 'open' || c.status === 'paused') ? (
              <Button onClick={() => setOrdering(true)}>督办</Button>
            ) : null}
            <Button icon={<ReloadOutlined />} onClick={reload} loading={detail.loading}>
              刷新
            </Button>
          </>
        }
      >
        {c.subject}
      </PageHeader>
      <ErrorAlert error={detail.error} onRetry={detail.reload} />
      <ErrorAlert error={app.error} title="申请信息加载失败" onRetry={app.reload} />
      <CaseHeader detail={d} app={a} />
      {CasePanel ? (
        <Suspense fallback={null}>
          <CasePanel key={`${c.id}:${d.timeline.length}`} caseId={c.id} refId={c.refId} />
        </Suspense>
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card size="small">
            <Tabs items={tabs} defaultActiveKey={a ? 'form' : 'timeline'} />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Flex vertical gap={16}>
            {actionable.length > 0 && can('task.handle') ? (
              <section aria-label="办理操作">
                <ActionPanel
                  tasks={d.tasks}
                  materials={materials}
                  onDone={reload}
                  caseType={c.caseType}
                  caseId={c.id}
                />
              </section>
            ) : (
              <Card size="small" title="办理操作">
                <Typography.Text type="secondary">
                  {c.status === 'completed' || c.status === 'cancelled'
                    ? '办件已结束。'
                    : '当前没有需要您办理的环节。'}
                </Typography.Text>
              </Card>
            )}
            {others.length > 0 ? (
              <Card size="small" title="其他办理环节">
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {others.map((t) => (
                    <li key={t.id}>
                      {t.stepName}：{t.assigneeName || '—'}
                      {t.claimedByName ? `（${t.claimedByName}已签收）` : ''}
                      {t.dueDate ? `，期限 ${t.dueDate}` : ''}
                    </li>
                  ))}
                </ul>
              </Card>
            ) : null}
            <ClockPanel detail={d} onDone={reload} />
          </Flex>
        </Col>
      </Row>
      {ordering ? (
        <OrderDialog
          caseId={c.id}
          caseNumber={c.number}
          onCancel={() => setOrdering(false)}
          onDone={() => {
            setOrdering(false);
            reload();
          }}
        />
      ) : null}
    </>
  );
}

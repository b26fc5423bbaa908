// 年度报告 (国办公开办函〔2021〕30号 template): the three tables as computed today for a unit and year,
// the figures the platform does not hold (table 1's decisions and fees, table 3's reconsideration and
// litigation) and the narrative sections, saved as a draft; publishing is refused with one message
// per column of table 2 that fails 第一项 + 第二项 = 第三项 + 第四项.
import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, InputNumber, Select, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useSubmit } from '../../app/FormModal.tsx';
import { useRequest } from '../../app/hooks.ts';
import { ErrorAlert, formatDateTime, PageHeader, PageLoading, ToneTag } from '../../app/ui.tsx';
import { disclosureApi, type AnnualReport } from './api.ts';
import { UnitPicker, useStaffUnit } from './shared.tsx';

const T1_FIELDS = [
  ['licensingDecisions', '第二十条第（五）项 行政许可：本年处理决定数量'],
  ['penaltyDecisions', '第二十条第（六）项 行政处罚：本年处理决定数量'],
  ['coercionDecisions', '第二十条第（六）项 行政强制：本年处理决定数量'],
  ['feesTenThousandYuan', '第二十条第（八）项 行政事业性收费：本年收费金额（万元）'],
] as const;
const T3_GROUPS = [
  ['reconsideration', '行政复议'],
  ['litigationDirect', '行政诉讼（未经复议直接起诉）'],
  ['litigationAfterReconsideration', '行政诉讼（复议后起诉）'],
] as const;
const T3_FIELDS = [
  ['maintained', '结果维持'],
  ['corrected', '结果纠正'],
  ['other', '其他结果'],
  ['pending', '尚未审结'],
] as const;
const NARRATIVE = [
  ['overview', '一、总体情况'],
  ['problems', '五、存在的主要问题及改进情况'],
  ['other', '六、其他需要报告的事项'],
] as const;

type Values = Record<string, string | number | undefined>;

/** Server field (entered.table1.x, entered.table3.g.f, narrative.x) → the flat form field. */
const ALIASES: Record<string, string> = Object.fromEntries([
  ...T1_FIELDS.map(([k]) => [`entered.table1.${k}`, `t1_${k}`]),
  ...T3_GROUPS.flatMap(([g]) => T3_FIELDS.map(([f]) => [`entered.table3.${g}.${f}`, `t3_${g}_${f}`])),
  ...NARRATIVE.map(([k]) => [`narrative.${k}`, k]),
]);

function valuesOf(r: AnnualReport): Values {
  const v: Values = {};
  for (const [k] of T1_FIELDS) v[`t1_${k}`] = r.table1[k];
  for (const [g] of T3_GROUPS) for (const [f] of T3_FIELDS) v[`t3_${g}_${f}`] = r.table3[g][f];
  for (const [k] of NARRATIVE) v[k] = r.narrative?.[k] ?? '';
  return v;
}

function Cell({ children, header, bad }: { children: ReactNode; header?: boolean; bad?: boolean }) {
  const style = {
    border: '1px solid #d1d5db',
    padding: '4px 8px',
    textAlign: header ? ('center' as const) : ('right' as const),
    background: bad ? '#fee2e2' : header ? '#f3f4f6' : undefined,
    whiteSpace: 'nowrap' as const,
  };
  return header ? (
    <th scope="col" style={style}>
      {children}
    </th>
  ) : (
    <td style={style}>{children}</td>
  );
}

function Table2({ report, failing }: { report: AnnualReport; failing: Map<string, string> }) {
  const { columns, rows } = report.table2;
  return (
    // A region that scrolls sideways must be reachable by keyboard (WCAG 2.1.1): focusable and named.
    // biome-ignore lint/a11y/useSemanticElements: a scroll container, not a landmark of its own
    // biome-ignore lint/a11y/noNoninteractiveTabindex: see above
    <div style={{ overflowX: 'auto' }} role="region" aria-label="第三项表格（可横向滚动）" tabIndex={0}>
      <table style={{ borderCollapse: 'collapse', width: '100%', fontSize: 13 }}>
        <caption style={{ textAlign: 'left', paddingBottom: 8 }}>
          三、收到和处理政府信息公开申请情况（第一项 + 第二项 = 第三项 + 第四项）
        </caption>
        <thead>
          <tr>
            <Cell header>项目</Cell>
            {columns.map((c) => (
              <Cell key={c} header bad={failing.has(c)}>
                {c}
                {failing.has(c) ? '（不平衡）' : ''}
              </Cell>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th
                scope="row"
                style={{
                  border: '1px solid #d1d5db',
                  padding: '4px 8px',
                  paddingInlineStart: 8 + r.level * 16,
                  textAlign: 'left',
                  fontWeight: r.level === 0 ? 600 : 400,
                }}
              >
                {r.label}
              </th>
              {r.counts.map((n, i) => (
                <Cell key={columns[i]} bad={failing.has(columns[i] ?? '')}>
                  {n}
                </Cell>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ReportPage() {
  const { message, modal } = App.useApp();
  const { units, unit, choose, loading, error: unitsError, reload: reloadUnits } = useStaffUnit('report');
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const orgId = unit?.orgId;
  const report = useRequest(orgId ? `disclosure:report:${orgId}:${year}` : null, (signal) =>
    disclosureApi.report(orgId as string, year, signal),
  );
  const [form] = Form.useForm<Values>();
  const { saving, error, run } = useSubmit(form, ALIASES);
  const [publishError, setPublishError] = useState<unknown>(null);
  const [publishing, setPublishing] = useState(false);
  const r = report.data;
  const published = r?.status === 'published';

  useEffect(() => {
    if (r) form.setFieldsValue(valuesOf(r));
    setPublishError(null);
  }, [r, form]);

  const body = (v: Values) => ({
    orgId: orgId as string,
    year,
    narrative: Object.fromEntries(NARRATIVE.map(([k]) => [k, String(v[k] ?? '')])),
    entered: {
      table1: Object.fromEntries(T1_FIELDS.map(([k]) => [k, Number(v[`t1_${k}`] ?? 0)])),
      table3: Object.fromEntries(
        T3_GROUPS.map(([g]) => [
          g,
          Object.fromEntries(T3_FIELDS.map(([f]) => [f, Number(v[`t3_${g}_${f}`] ?? 0)])),
        ]),
      ),
    },
  });

  const save = async (v: Values) => {
    if (await run(() => disclosureApi.saveReport(body(v)))) {
      message.success('草稿已保存');
      report.reload();
    }
  };

  const publish = () =>
    modal.confirm({
      title: `发布${unit?.orgName ?? ''}${year}年度报告？`,
      content: '发布前先保存当前内容；发布后表格数据冻结，不能再修改。',
      okText: '确认发布',
      cancelText: '取消',
      onOk: async () => {
        setPublishError(null);
        setPublishing(true);
        try {
          await disclosureApi.saveReport(body(form.getFieldsValue(true)));
          await disclosureApi.publishReport(orgId as string, year);
          message.success('年度报告已发布');
        } catch (e) {
          setPublishError(e);
        } finally {
          setPublishing(false);
          report.reload();
        }
      },
    });

  // Failing columns of table 2, from the computed cross-check or from the server's refusal to publish.
  const failing = new Map<string, string>();
  for (const p of r?.crossCheck.problems ?? []) failing.set(p.field.replace(/^table2\./, ''), p.message);
  if (publishError instanceof ApiError)
    for (const d of publishError.details)
      if (d.field.startsWith('table2.')) failing.set(d.field.slice('table2.'.length), d.message);
  const narrativeProblem =
    publishError instanceof ApiError
      ? publishError.details.find((d) => d.field === 'narrative.overview')
      : undefined;

  return (
    <>
      <PageHeader
        title="年度报告"
        extra={
          <Button icon={<ReloadOutlined />} onClick={report.reload} loading={report.loading}>
            刷新
          </Button>
        }
      >
        政府信息公开工作年度报告：第二项规章、规范性文件和第三项依申请公开按平台数据计算，其余数据和文字部分在此录入。
      </PageHeader>
      <ErrorAlert error={unitsError} onRetry={reloadUnits} />
      <Flex gap={16} wrap align="start">
        <UnitPicker units={units} value={orgId} loading={loading} onChange={choose} />
        <Form layout="inline" onSubmitCapture={(e) => e.preventDefault()}>
          <Form.Item label="年度" htmlFor="report-year">
            <Select
              id="report-year"
              style={{ width: 120 }}
              value={year}
              onChange={setYear}
              options={Array.from({ length: 6 }, (_, i) => thisYear - i).map((y) => ({
                value: y,
                label: `${y}年`,
              }))}
            />
          </Form.Item>
        </Form>
      </Flex>
      <ErrorAlert error={report.error} onRetry={report.reload} />
      {orgId && !r && report.loading ? <PageLoading /> : null}
      {r ? (
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={save}
          disabled={published}
          aria-label="年度报告"
        >
          <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
            {published ? (
              <ToneTag tone="green">已发布 {formatDateTime(r.publishedAt)}</ToneTag>
            ) : (
              <ToneTag tone="orange">草稿</ToneTag>
            )}
            {r.crossCheck.ok ? (
              <ToneTag tone="green">勾稽关系平衡</ToneTag>
            ) : (
              <ToneTag tone="red">勾稽关系不平衡：{r.crossCheck.problems.length} 列</ToneTag>
            )}
          </Flex>
          <ErrorAlert error={publishError} title="不能发布" />
          <ErrorAlert error={error} />
          <Card size="small" title="一、总体情况" style={{ marginBottom: 16 }}>
            <Form.Item
              label="总体情况"
              name="overview"
              validateStatus={narrativeProblem ? 'error' : undefined}
              help={narrativeProblem?.message}
            >
              <Input.TextArea rows={6} maxLength={20000} showCount />
            </Form.Item>
          </Card>
          <Card size="small" title="二、主动公开政府信息情况" style={{ marginBottom: 16 }}>
            <Typography.Paragraph>
              规章：本年制发 {r.table1.regulations.issued} 件，本年废止 {r.table1.regulations.repealed}{' '}
              件，现行有效 {r.table1.regulations.inForce} 件。行政规范性文件：本年制发{' '}
              {r.table1.normativeDocuments.issued} 件，本年废止 {r.table1.normativeDocuments.repealed}{' '}
              件，现行有效 {r.table1.normativeDocuments.inForce} 件。 （按公开目录计算）
            </Typography.Paragraph>
            <Flex gap={16} wrap>
              {T1_FIELDS.map(([k, label]) => (
                <Form.Item key={k} label={label} name={`t1_${k}`} style={{ minWidth: 260 }}>
                  <InputNumber
                    min={0}
                    precision={k === 'feesTenThousandYuan' ? 4 : 0}
                    style={{ width: 160 }}
                  />
                </Form.Item>
              ))}
            </Flex>
            {r.informationFees ? (
              <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                本年信息处理费：发出收费通知 {r.informationFees.notices} 件，已缴纳 {r.informationFees.paid}{' '}
                件共 {r.informationFees.amountYuan} 元，减免 {r.informationFees.waived} 件，逾期未缴纳{' '}
                {r.informationFees.lapsed} 件。信息处理费属行政事业性收费，如纳入上表收费金额请自行合计。
              </Typography.Paragraph>
            ) : null}
          </Card>
          <Card size="small" title="三、收到和处理政府信息公开申请情况" style={{ marginBottom: 16 }}>
            <Table2 report={r} failing={failing} />
            {failing.size > 0 ? (
              <ul
                aria-label="勾稽关系问题"
                style={{ margin: '12px 0 0', paddingInlineStart: 20, color: '#991b1b' }}
              >
                {[...failing].map(([col, msg]) => (
                  <li key={col}>{msg}</li>
                ))}
              </ul>
            ) : null}
          </Card>
          <Card size="small" title="四、政府信息公开行政复议、行政诉讼情况" style={{ marginBottom: 16 }}>
            {T3_GROUPS.map(([g, label]) => (
              <fieldset key={g} style={{ border: 0, padding: 0, margin: '0 0 8px' }}>
                <legend style={{ fontSize: 14, fontWeight: 600, marginBottom: 4 }}>
                  {label}（总计 {r.table3[g].total}）
                </legend>
                <Flex gap={16} wrap>
                  {T3_FIELDS.map(([f, fl]) => (
                    <Form.Item key={f} label={`${label}${fl}`} name={`t3_${g}_${f}`}>
                      <InputNumber min={0} precision={0} style={{ width: 120 }} />
                    </Form.Item>
                  ))}
                </Flex>
              </fieldset>
            ))}
          </Card>
          <Card size="small" title="五、六" style={{ marginBottom: 16 }}>
            {NARRATIVE.slice(1).map(([k, label]) => (
              <Form.Item key={k} label={label} name={k}>
                <Input.TextArea rows={4} maxLength={20000} showCount />
              </Form.Item>
            ))}
          </Card>
          {published ? null : (
            <Flex gap={8}>
              <Button type="primary" htmlType="submit" loading={saving}>
                保存草稿
              </Button>
              <Button onClick={publish} loading={publishing}>
                发布年度报告
              </Button>
            </Flex>
          )}
        </Form>
      ) : null}
    </>
  );
}

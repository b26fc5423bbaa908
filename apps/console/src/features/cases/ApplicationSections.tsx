// The tabs of a licence case that come from the application behind it (licensing, H3): the form as
// the applicant filled it (labelled from the item's form definition), the materials, the generated
// documents, the fee notice with payment registration, and the electronic licence.
import { DownloadOutlined, FilePdfOutlined } from '@ant-design/icons';
import {
  App,
  Descriptions,
  type DescriptionsProps,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Table,
  Typography,
  Button,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth.tsx';
import { FormModal, useSubmit } from '../../app/FormModal.tsx';
import { formatDateTime, ToneTag } from '../../app/ui.tsx';
import {
  type Application,
  type ApplicationDocument,
  applicationsApi,
  type CorrectionView,
  type FeeLine,
  type FormField,
  type FormSection,
  fileUrl,
  type MaterialFile,
  type Payment,
  type ServiceItem,
} from './api.ts';
import { yuan } from './labels.tsx';
import { useRegionNames } from './regions.ts';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** ID numbers and phone numbers are shown masked (个人信息最小化展示). */
function maskMiddle(s: string, head: number, tail: number): string {
  if (s.length <= head + tail) return s;
  return `${s.slice(0, head)}${'*'.repeat(s.length - head - tail)}${s.slice(-tail)}`;
}

/** A value as text, using the field's option labels where it has options. */
export function valueText(value: unknown, field?: FormField, regions?: ReadonlyMap<string, string>): string {
  if (value === null || value === undefined || value === '') return '—';
  const label = (v: unknown) => field?.options?.find((o) => o.value === v)?.label ?? String(v);
  if (Array.isArray(value)) return value.length ? value.map(label).join('、') : '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (isPlainObject(value)) {
    if ('detail' in value || 'region' in value) {
      const code = typeof value.region === 'string' ? value.region : '';
      return [value.regionName ?? regions?.get(code) ?? code, value.detail].filter(Boolean).join(' ');
    }
    return Object.entries(value)
      .map(([k, v]) => `${k}：${valueText(v)}`)
      .join('；');
  }
  if (typeof value === 'string' && field?.type === 'id_number') return maskMiddle(value, 6, 4);
  if (typeof value === 'string' && field?.type === 'phone') return maskMiddle(value, 3, 4);
  if (typeof value === 'string' && field?.type === 'region') return regions?.get(value) ?? value;
  const text = label(value);
  return field?.unit ? `${text} ${field.unit}` : text;
}

function GroupTable({
  field,
  rows,
  regions,
}: {
  field: FormField;
  rows: unknown[];
  regions?: ReadonlyMap<string, string>;
}) {
  const sub = field.fields ?? [];
  const data = rows.filter(isPlainObject).map((r, i) => ({ ...r, __key: i }));
  const keys =
    sub.length > 0
      ? sub.map((f) => f.key)
      : [...new Set(data.flatMap((r) => Object.keys(r)))].filter((k) => k !== '__key');
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="__key"
      dataSource={data}
      aria-label={field.label}
      columns={keys.map((k) => {
        const f = sub.find((s) => s.key === k);
        return { title: f?.label ?? k, dataIndex: k, render: (v: unknown) => valueText(v, f, regions) };
      })}
    />
  );
}

function fieldItems(
  fields: FormField[],
  values: Record<string, unknown>,
  used: Set<string>,
  regions: ReadonlyMap<string, string>,
): DescriptionsProps['items'] {
  return fields
    .filter((f) => f.key in values)
    .map((f) => {
      used.add(f.key);
      const v = values[f.key];
      const wide = f.type === 'group' || f.type === 'textarea';
      return {
        key: f.key,
        label: f.label,
        span: wide ? ('filled' as const) : undefined,
        children:
          f.type === 'group' && Array.isArray(v) ? (
            <GroupTable field={f} rows={v} regions={regions} />
          ) : (
            <span style={{ whiteSpace: 'pre-wrap' }}>{valueText(v, f, regions)}</span>
          ),
      };
    });
}

/** Region codes in region and address fields (also inside repeating groups), to look up their names. */
function regionCodes(fields: FormField[], values: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const f of fields) {
    const v = values[f.key];
    if (f.type === 'region' && typeof v === 'string') out.push(v);
    else if (f.type === 'address' && isPlainObject(v) && typeof v.region === 'string') out.push(v.region);
    else if (f.type === 'group' && Array.isArray(v) && f.fields) {
      for (const row of v) if (isPlainObject(row)) out.push(...regionCodes(f.fields, row));
    }
  }
  return out;
}

/** The application form values, by section when the item's form definition is known. */
export function FormValues({
  values,
  item,
  summary,
}: {
  values: Record<string, unknown>;
  item: ServiceItem | undefined;
  /** The server's label/value rendering, used when the item's definition is not available. */
  summary?: { key: string; label: string; value: string }[];
}) {
  const sections: FormSection[] =
    item?.form?.sections ?? (item?.form?.fields ? [{ key: 'all', title: '', fields: item.form.fields }] : []);
  const regions = useRegionNames(
    regionCodes(
      sections.flatMap((x) => x.fields),
      values,
    ),
  );
  if (!item?.form && summary && summary.length > 0) {
    return (
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, lg: 2 }}
        items={summary.map((f) => ({
          key: f.key,
          label: f.label,
          children: <span style={{ whiteSpace: 'pre-wrap' }}>{f.value || '—'}</span>,
        }))}
      />
    );
  }
  const used = new Set<string>();
  const blocks = sections
    .map((s) => ({ s, items: fieldItems(s.fields, values, used, regions) ?? [] }))
    .filter((b) => b.items.length > 0);
  const rest = Object.entries(values).filter(([k]) => !used.has(k));
  if (blocks.length === 0 && rest.length === 0) return <Empty description="没有申请表内容" />;
  return (
    <Flex vertical gap={16}>
      {blocks.map(({ s, items }) => (
        <Descriptions
          key={s.key}
          title={s.title || undefined}
          bordered
          size="small"
          column={{ xs: 1, lg: 2 }}
          items={items}
        />
      ))}
      {rest.length > 0 ? (
        <Descriptions
          title={blocks.length > 0 ? '其他信息' : undefined}
          bordered
          size="small"
          column={{ xs: 1, lg: 2 }}
          items={rest.map(([k, v]) => ({
            key: k,
            label: k,
            children:
              Array.isArray(v) && v.every(isPlainObject) && v.length > 0 ? (
                <GroupTable field={{ key: k, label: k, type: 'group' }} rows={v} />
              ) : (
                <span style={{ whiteSpace: 'pre-wrap' }}>{valueText(v)}</span>
              ),
          }))}
        />
      ) : null}
    </Flex>
  );
}

interface MaterialFileRow extends MaterialFile {
  key: string;
  materialName: string;
  required: boolean;
  first: boolean;
  span: number;
}

/** Each material with its files (one row per file; resubmitted files carry their round). */
export function MaterialsTable({ app, correction }: { app: Application; correction: CorrectionView | null }) {
  const rows: MaterialFileRow[] = app.materials.flatMap((m) => {
    const files = m.files.length > 0 ? m.files : [null];
    return files.map((f, i) => ({
      ...(f ?? { fileId: '', name: '', size: 0, contentType: '', round: 0, url: '' }),
      key: `${m.materialId}:${f?.fileId ?? 'none'}`,
      materialName: m.name,
      required: m.required,
      first: i === 0,
      span: i === 0 ? files.length : 0,
    }));
  });
  return (
    <Flex vertical gap={12}>
      {correction && !correction.resolvedAt ? (
        <Typography.Paragraph type="warning" style={{ margin: 0 }}>
          已于 {correction.requestedOn} 一次性告知补正 {correction.items.length} 项材料，等待申请人补正。
        </Typography.Paragraph>
      ) : null}
      <Table<MaterialFileRow>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        aria-label="申请材料"
        locale={{ emptyText: <Empty description="未提交材料" /> }}
        columns={[
          {
            title: '材料名称',
            key: 'material',
            onCell: (r) => ({ rowSpan: r.span }),
            render: (_, r) => (
              <span>
                {r.materialName}
                {r.required ? <Typography.Text type="secondary">（必要）</Typography.Text> : null}
              </span>
            ),
          },
          {
            title: '文件',
            key: 'file',
            render: (_, r) =>
              r.fileId ? (
                <span>
                  {r.name}
                  {r.round > 1 ? (
                    <ToneTag tone="orange" style={{ marginInlineStart: 8 }}>
                      第 {r.round} 次提交
                    </ToneTag>
                  ) : null}
                </span>
              ) : (
                <Typography.Text type="secondary">未提交</Typography.Text>
              ),
          },
          {
            title: '大小',
            key: 'size',
            width: 100,
            render: (_, r) => (r.size ? `${(r.size / 1024).toFixed(1)} KB` : '—'),
          },
          {
            title: '下载',
            key: 'dl',
            width: 90,
            render: (_, r) =>
              r.fileId ? (
                <a
                  href={r.url || fileUrl(r.fileId)}
                  target="_blank"
                  rel="noopener noreferrer"
                  aria-label={`下载${r.materialName}：${r.name}`}
                >
                  <DownloadOutlined /> 下载
                </a>
              ) : null,
          },
        ]}
      />
    </Flex>
  );
}

export function DocumentsList({ documents }: { documents: ApplicationDocument[] }) {
  if (documents.length === 0) return <Empty description="尚未生成文书" />;
  return (
    <Table<ApplicationDocument>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={documents}
      aria-label="文书"
      columns={[
        { title: '文书', dataIndex: 'title' },
        { title: '文号', dataIndex: 'number', width: 200, render: (v?: string) => v ?? '—' },
        {
          title: '生成时间',
          dataIndex: 'createdAt',
          width: 180,
          render: (v: string | undefined) => (v ? formatDateTime(v) : '—'),
        },
        {
          title: '查看',
          key: 'open',
          width: 100,
          render: (_, d) => (
            <a href={d.url} target="_blank" rel="noopener noreferrer" aria-label={`打开《${d.title}》PDF`}>
              <FilePdfOutlined /> PDF
            </a>
          ),
        },
      ]}
    />
  );
}

const PAY_METHODS = [
  { value: 'cash', label: '现金' },
  { value: 'pos', label: '刷卡（POS）' },
  { value: 'transfer', label: '银行转账' },
  { value: 'online', label: '网上缴费' },
];

interface PaymentValues {
  amountYuan: number;
  method: string;
  reference: string;
}

export function FeesPanel({ app, onDone }: { app: Application; onDone: () => void }) {
  const { can } = useAuth();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<PaymentValues>();
  // The server checks the amount against the notice; its message goes onto the amount in 元.
  const { saving, error, run, clearError } = useSubmit(form, { amountFen: 'amountYuan' });
  const fees = app.fees;
  if (!fees) return <Empty description="本事项不收费，或尚未出具缴费通知" />;
  const paid = fees.payments.reduce((sum, p) => sum + p.amountFen, 0);
  const notice = fees.documentId ? app.documents.find((d) => d.id === fees.documentId) : undefined;
  const mayRecord = (app.canRecordPayment ?? fees.status === 'due') && can('fee.record');

  const submit = async (v: PaymentValues) => {
    const recorded = await run(() =>
      applicationsApi.recordPayment(app.id, {
        amountFen: Math.round(v.amountYuan * 100),
        method: v.method,
        reference: v.reference.trim(),
      }),
    );
    if (recorded) {
      message.success('缴费已登记');
      setOpen(false);
      onDone();
    }
  };

  return (
    <Flex vertical gap={12}>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        items={[
          {
            key: 'total',
            label: '应缴金额',
            children: `${yuan(fees.totalFen)}${fees.totalText ? `（${fees.totalText}）` : ''}`,
          },
          { key: 'paid', label: '已缴金额', children: yuan(paid) },
          {
            key: 'status',
            label: '缴费状态',
            children: <ToneTag tone={fees.status === 'due' ? 'orange' : 'green'}>{fees.statusName}</ToneTag>,
          },
          ...(fees.issuedOn ? [{ key: 'issued', label: '通知日期', children: fees.issuedOn }] : []),
          ...(fees.paidAt
            ? [{ key: 'paidAt', label: '缴清时间', children: formatDateTime(fees.paidAt) }]
            : []),
          ...(notice
            ? [
                {
                  key: 'notice',
                  label: '缴费通知书',
                  children: (
                    <a href={notice.url} target="_blank" rel="noopener noreferrer">
                      <FilePdfOutlined /> {notice.title}
                    </a>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Table<FeeLine>
        size="small"
        rowKey="name"
        pagination={false}
        dataSource={fees.lines}
        aria-label="收费项目"
        columns={[
          { title: '收费项目', dataIndex: 'name' },
          { title: '收费标准', dataIndex: 'standard', render: (v?: string) => v || '—' },
          { title: '收费依据', dataIndex: 'basis', render: (v?: string) => v || '—' },
          { title: '金额', dataIndex: 'amountFen', width: 120, render: (v: number) => yuan(v) },
        ]}
      />
      <Typography.Title level={3} style={{ fontSize: 14, margin: '8px 0 0' }}>
        缴费记录
      </Typography.Title>
      <Table<Payment>
        size="small"
        rowKey={(p) => `${p.reference}:${p.recordedAt}`}
        pagination={false}
        dataSource={fees.payments}
        aria-label="缴费记录"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无缴费记录" /> }}
        columns={[
          { title: '金额', dataIndex: 'amountFen', render: (v: number) => yuan(v) },
          {
            title: '方式',
            key: 'method',
            render: (_, p) =>
              p.methodName ?? PAY_METHODS.find((x) => x.value === p.method)?.label ?? p.method,
          },
          { title: '凭证号', dataIndex: 'reference' },
          { title: '登记时间', dataIndex: 'recordedAt', render: (v: string) => formatDateTime(v) },
          { title: '登记人', dataIndex: 'recordedByName', render: (v?: string | null) => v ?? '—' },
        ]}
      />
      {mayRecord ? (
        <div>
          <Button
            type="primary"
            onClick={() => {
              clearError();
              setOpen(true);
            }}
          >
            登记缴费
          </Button>
        </div>
      ) : null}
      {open ? (
        <FormModal<PaymentValues>
          title="登记缴费"
          open
          form={form}
          okText="登记"
          saving={saving}
          error={error}
          onCancel={() => setOpen(false)}
          initialValues={{ amountYuan: Math.max(0, fees.totalFen - paid) / 100, method: 'pos' }}
          onFinish={submit}
        >
          <Typography.Paragraph type="secondary">
            按缴费通知书所列金额一次缴清；登记后办件继续办理。
          </Typography.Paragraph>
          <Form.Item
            label="实收金额（元）"
            name="amountYuan"
            rules={[{ required: true, message: '请填写实收金额' }]}
          >
            <InputNumber min={0.01} precision={2} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item label="缴费方式" name="method" rules={[{ required: true, message: '请选择缴费方式' }]}>
            <Select options={PAY_METHODS} />
          </Form.Item>
          <Form.Item
            label="票据号、POS 凭条号或转账流水号"
            name="reference"
            rules={[{ required: true, whitespace: true, message: '请填写票据或交易凭证号' }]}
          >
            <Input maxLength={100} autoComplete="off" />
          </Form.Item>
        </FormModal>
      ) : null}
    </Flex>
  );
}

export function LicencePanel({ app }: { app: Application }) {
  const l = app.licence;
  if (!l) return <Empty description="尚未核发电子证照" />;
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      items={[
        { key: 'name', label: '证照名称', children: l.name },
        {
          key: 'no',
          label: '证照编号',
          children: l.number ? <Link to={`/licences?id=${encodeURIComponent(l.id)}`}>{l.number}</Link> : '—',
        },
        ...(l.verifyUrl
          ? [
              {
                key: 'verify',
                label: '公开核验',
                children: (
                  <a href={l.verifyUrl} target="_blank" rel="noopener noreferrer">
                    打开核验页面
                  </a>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

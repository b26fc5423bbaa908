// 电子证照: the licences issued by units in scope, searchable; a drawer with the licence's fields and
// validity (valid, not yet valid, expired, revoked) and, for licence.revoke, revocation with a reason.
import { ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  Select,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth.tsx';
import { FormModal, useSubmit } from '../../app/FormModal.tsx';
import { useRequest, useUrlQuery } from '../../app/hooks.ts';
import { FilterButtons, ListTable, pager } from '../../app/lists.tsx';
import { ErrorAlert, formatDateTime, PageHeader, type Tone, ToneTag } from '../../app/ui.tsx';
import { caseUrl } from '../cases/columns.tsx';
import {
  LICENCE_STATUS_NAMES,
  type Licence,
  type LicenceQuery,
  type LicenceStatus,
  licencePdfUrl,
  licencesApi,
} from './api.ts';

const STATUS: Record<LicenceStatus, { text: string; tone: Tone }> = {
  valid: { text: LICENCE_STATUS_NAMES.valid, tone: 'green' },
  not_yet_valid: { text: LICENCE_STATUS_NAMES.not_yet_valid, tone: 'blue' },
  expired: { text: LICENCE_STATUS_NAMES.expired, tone: 'gray' },
  revoked: { text: LICENCE_STATUS_NAMES.revoked, tone: 'red' },
};

function LicenceStatusTag({ l }: { l: Pick<Licence, 'status' | 'statusName'> }) {
  const s = STATUS[l.status] ?? { text: l.statusName, tone: 'gray' as Tone };
  return (
    <ToneTag tone={s.tone} style={{ marginInlineEnd: 0 }}>
      {l.statusName || s.text}
    </ToneTag>
  );
}

const KEYS = ['q', 'status'] as const;
type FilterValues = Partial<Record<(typeof KEYS)[number], string>>;

function RevokeDialog({
  licence,
  onCancel,
  onDone,
}: {
  licence: Licence;
  onCancel: () => void;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const { saving, error, run } = useSubmit(form);
  return (
    <FormModal<{ reason: string }>
      title={`注销电子证照 ${licence.number}`}
      open
      form={form}
      okText="确认注销"
      okDanger
      saving={saving}
      error={error}
      onCancel={onCancel}
      onFinish={async (v) => {
        if (await run(() => licencesApi.revoke(licence.id, v.reason.trim()))) {
          message.success('证照已注销，核验页面将显示“已注销”');
          onDone();
        }
      }}
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title="注销后不可恢复"
        description="注销后，任何人扫描证照二维码核验时都将看到“已注销”及注销日期。"
      />
      <Form.Item
        label="注销原因"
        name="reason"
        rules={[{ required: true, whitespace: true, message: '请填写注销原因' }]}
      >
        <Input.TextArea
          rows={3}
          maxLength={500}
          showCount
          placeholder="如：持证人申请注销、许可被依法撤销等"
        />
      </Form.Item>
    </FormModal>
  );
}

function LicenceDrawer({
  licenceId,
  onClose,
  onChanged,
}: {
  licenceId: string;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { can } = useAuth();
  const detail = useRequest(`licence:${licenceId}`, (signal) => licencesApi.get(licenceId, signal));
  const [revoking, setRevoking] = useState(false);
  const l = detail.data;
  return (
    <Drawer
      open
      size="large"
      title={l ? `${l.licenceName}（${l.number}）` : '电子证照'}
      onClose={onClose}
      extra={
        l && l.status !== 'revoked' && can('licence.revoke') ? (
          <Button danger onClick={() => setRevoking(true)}>
            注销证照
          </Button>
        ) : null
      }
    >
      <ErrorAlert error={detail.error} onRetry={detail.reload} />
      {l ? (
        <Flex vertical gap={16}>
          {l.status === 'revoked' ? (
            <Alert
              type="error"
              showIcon
              title={`已于 ${formatDateTime(l.revokedAt)} 注销`}
              description={`原因：${l.revokedReason ?? '—'}${l.revokedByName ? `；经办人：${l.revokedByName}` : ''}`}
            />
          ) : null}
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              { key: 'status', label: '证照状态', children: <LicenceStatusTag l={l} /> },
              {
                key: 'sig',
                label: '电子签名',
                children: l.signatureValid ? (
                  <ToneTag tone="green">SM2 签名有效</ToneTag>
                ) : (
                  <ToneTag tone="red">签名无效{l.signatureProblem ? `：${l.signatureProblem}` : ''}</ToneTag>
                ),
              },
              {
                key: 'number',
                label: '证照编号',
                children: <Typography.Text copyable>{l.number}</Typography.Text>,
              },
              { key: 'name', label: '证照名称', children: l.licenceName },
              { key: 'holder', label: '持证主体', children: `${l.holderName}（${l.holderKindName}）` },
              {
                key: 'code',
                label: l.holderKind === 'person' ? '身份证件号码' : '统一社会信用代码',
                children: l.holderCodeMasked,
              },
              { key: 'org', label: '发证机关', children: l.orgName },
              { key: 'valid', label: '有效期', children: `${l.validFrom} 至 ${l.validUntil ?? '长期'}` },
              { key: 'issued', label: '发证日期', children: l.issuedOn },
              ...(l.scope ? [{ key: 'scope', label: '许可范围', children: l.scope }] : []),
              ...Object.entries(l.data ?? {}).map(([k, v]) => ({ key: `d:${k}`, label: k, children: v })),
              {
                key: 'case',
                label: '办件',
                children: <Link to={caseUrl(l.caseId)}>{l.caseNumber}</Link>,
              },
              {
                key: 'verify',
                label: '公开核验',
                children: (
                  <a href={l.verifyUrl} target="_blank" rel="noopener noreferrer">
                    打开核验页面（SM2 签名校验）
                  </a>
                ),
              },
              {
                key: 'pdf',
                label: '证照文件',
                children: (
                  <a href={licencePdfUrl(l.id)} target="_blank" rel="noopener noreferrer">
                    下载 PDF
                  </a>
                ),
              },
            ]}
          />
        </Flex>
      ) : null}
      {revoking && l ? (
        <RevokeDialog
          licence={l}
          onCancel={() => setRevoking(false)}
          onDone={() => {
            setRevoking(false);
            detail.reload();
            onChanged();
          }}
        />
      ) : null}
    </Drawer>
  );
}

export function LicencesPage() {
  const { params, filters, page, pageSize, setQuery } = useUrlQuery(KEYS);
  const [form] = Form.useForm<FilterValues>();
  // The open drawer is in the address too, so a case's licence panel can link to it.
  const openId = params.get('id');
  const query: LicenceQuery = { ...filters, page, pageSize };
  const list = useRequest(`licences:${JSON.stringify(query)}`, (signal) => licencesApi.list(query, signal));
  const current = { ...filters, page, pageSize };

  const columns: TableColumnsType<Licence> = [
    {
      title: '证照编号',
      dataIndex: 'number',
      width: 200,
      render: (n: string, l) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => setQuery({ ...current, id: l.id })}>
          {n}
        </Button>
      ),
    },
    { title: '证照名称', dataIndex: 'licenceName' },
    { title: '持证主体', dataIndex: 'holderName', width: 200 },
    { title: '发证机关', dataIndex: 'orgName', width: 180 },
    {
      title: '有效期',
      key: 'valid',
      width: 200,
      render: (_, l) => `${l.validFrom} 至 ${l.validUntil ?? '长期'}`,
    },
    { title: '状态', key: 'status', width: 100, render: (_, l) => <LicenceStatusTag l={l} /> },
  ];

  return (
    <>
      <PageHeader
        title="电子证照"
        extra={
          <Button icon={<ReloadOutlined />} onClick={list.reload} loading={list.loading}>
            刷新
          </Button>
        }
      >
        准予许可后核发的电子证照，经平台 SM2 签名，可通过证照上的二维码公开核验。
      </PageHeader>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<FilterValues>
          form={form}
          layout="inline"
          initialValues={filters}
          onFinish={(v) => setQuery({ q: v.q?.trim() || undefined, status: v.status, pageSize })}
          aria-label="筛选证照"
        >
          <Form.Item label="关键字" name="q">
            <Input
              allowClear
              placeholder="证照编号、名称、持证主体、办件编号"
              style={{ width: 300 }}
              autoComplete="off"
            />
          </Form.Item>
          <Form.Item label="状态" name="status">
            <Select
              allowClear
              placeholder="全部"
              style={{ width: 140 }}
              options={(['valid', 'expired', 'revoked'] as const).map((value) => ({
                value,
                label: STATUS[value].text,
              }))}
            />
          </Form.Item>
          <Form.Item>
            <FilterButtons
              onReset={() => {
                form.setFieldsValue({ q: undefined, status: undefined });
                setQuery({ pageSize });
              }}
            />
          </Form.Item>
        </Form>
      </Card>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Card size="small">
        <ListTable<Licence>
          label="电子证照列表"
          empty="没有符合条件的证照"
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          scroll={{ x: 1100 }}
          pagination={pager({
            page,
            pageSize,
            total: list.data?.total,
            unit: '张',
            onChange: (p, size) => setQuery({ ...filters, page: p, pageSize: size }),
          })}
        />
      </Card>
      {openId ? (
        <LicenceDrawer licenceId={openId} onClose={() => setQuery(current)} onChanged={list.reload} />
      ) : null}
    </>
  );
}

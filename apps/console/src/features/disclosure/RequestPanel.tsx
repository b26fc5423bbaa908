// The 政府信息公开申请 on its case page: who asked (identity masked; the read is audited), what and in
// which form, the receipt date and deadline, correction, extension and fee, and once replied the
// outcome with the reply letter to download.
import { DownloadOutlined } from '@ant-design/icons';
import { Card, Descriptions, Typography } from 'antd';
import { useAuth } from '../../app/auth.tsx';
import { useRequest } from '../../app/hooks.ts';
import { ErrorAlert } from '../../app/ui.tsx';
import { type RequestView, disclosureApi, REQUEST_HANDLE } from './api.ts';

function items(r: RequestView) {
  const list = [
    { key: 'applicant', label: '申请人', children: `${r.applicantName}（${r.applicantCategory}）` },
    { key: 'id', label: '证件号码', children: r.applicantIdMasked ?? '—' },
    { key: 'phone', label: '联系电话', children: r.applicantPhoneMasked ?? '—' },
    { key: 'channel', label: '申请方式', children: r.channelName ?? '网上申请' },
    { key: 'received', label: '收到申请日', children: r.receivedOn },
    { key: 'due', label: '答复期限', children: r.dueDate ?? '—' },
    {
      key: 'description',
      label: '所需信息',
      span: 'filled' as const,
      children: <span style={{ whiteSpace: 'pre-wrap' }}>{r.description}</span>,
    },
    ...(r.docNumber ? [{ key: 'doc', label: '文号', children: r.docNumber }] : []),
    ...(r.purpose ? [{ key: 'purpose', label: '用途', children: r.purpose }] : []),
    { key: 'delivery', label: '获取方式', children: r.deliveryName },
    { key: 'status', label: '办理状态', children: r.statusName },
  ];
  if (r.correction.requestedOn)
    list.push({
      key: 'correction',
      label: '补正',
      children: `${r.correction.requestedOn} 告知补正，期限至 ${r.correction.dueOn ?? '—'}${
        r.correction.correctedOn ? `，${r.correction.correctedOn} 收到补正` : ''
      }`,
    });
  if (r.extension.days)
    list.push({
      key: 'extension',
      label: '延期',
      children: `${r.extension.approvedOn} 批准延长 ${r.extension.days} 个工作日`,
    });
  if (r.fee)
    list.push({
      key: 'fee',
      label: '信息处理费',
      children: `${r.fee.methodName} ${r.fee.amountYuan} 元，${r.fee.noticedOn} 通知，缴费期限至 ${r.fee.dueOn}（${r.fee.statusName}）`,
    });
  if (r.replyNumber)
    list.push(
      { key: 'outcome', label: '答复结果', children: r.outcomeName ?? '—' },
      { key: 'number', label: '答复书文号', children: `${r.replyNumber}（${r.repliedOn}）` },
    );
  return list;
}

export function RequestPanel({ refId }: { caseId: string; refId: string | null }) {
  const { can } = useAuth();
  const allowed = !!refId && can(REQUEST_HANDLE);
  const req = useRequest(allowed ? `disclosure:request:${refId}` : null, (signal) =>
    disclosureApi.request(refId as string, signal),
  );
  if (!allowed) return null;
  const r = req.data;
  return (
    <Card
      size="small"
      title="政府信息公开申请"
      style={{ marginBottom: 16 }}
      extra={
        r?.replyLetterUrl ? (
          <Typography.Link href={r.replyLetterUrl} download>
            <DownloadOutlined aria-hidden="true" /> 下载《政府信息公开申请答复书》（PDF）
          </Typography.Link>
        ) : null
      }
    >
      <ErrorAlert error={req.error} onRetry={req.reload} title="申请信息加载失败" />
      {r ? <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} items={items(r)} /> : null}
    </Card>
  );
}

// The case clock: pause with a typed reason (补正, 听证, 专家评审 … — time that does not count toward
// the limit, 行政许可法 Art. 45), resume, request an extension (Art. 42, needs the unit head's approval),
// and for approvers the pending request to approve or reject.
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client.ts';
import { FormModal, useSubmit } from '../../app/FormModal.tsx';
import { formatDateTime, type Tone, ToneTag } from '../../app/ui.tsx';
import { type CaseDetail, casesApi, type Extension, PAUSE_KINDS, type Pause } from './api.ts';
import { caseDayWord } from './labels.tsx';

const EXT_STATUS: Record<string, { text: string; tone: Tone }> = {
  requested: { text: '待审批', tone: 'gold' },
  approved: { text: '已批准', tone: 'green' },
  rejected: { text: '未批准', tone: 'red' },
};

function pauseKindName(p: Pause): string {
  return p.kindName ?? PAUSE_KINDS.find((k) => k.value === p.kind)?.label ?? p.kind;
}

/** A small titled table of the case's pauses or extensions. */
function RecordTable<T extends { id: string }>({
  title,
  rows,
  empty,
  columns,
}: {
  title: string;
  rows: T[];
  empty: string;
  columns: TableColumnsType<T>;
}) {
  return (
    <div>
      <Typography.Title level={3} style={{ fontSize: 14, margin: '4px 0 8px' }}>
        {title}
      </Typography.Title>
      <Table<T>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rows}
        aria-label={title}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
        columns={columns}
      />
    </div>
  );
}

interface PauseValues {
  kind: string;
  reason: string;
  expectedDays?: number | null;
}
interface ExtensionValues {
  days: number;
  reason: string;
}
interface DecisionValues {
  comment?: string;
}

export function ClockPanel({ detail, onDone }: { detail: CaseDetail; onDone: () => void }) {
  const { message, modal } = App.useApp();
  const c = detail.case;
  const [dialog, setDialog] = useState<'pause' | 'extend' | { ext: Extension; approve: boolean } | null>(
    null,
  );
  const { saving, error, run: submit, clearError } = useSubmit();
  const [pauseForm] = Form.useForm<PauseValues>();
  const [extForm] = Form.useForm<ExtensionValues>();
  const [decisionForm] = Form.useForm<DecisionValues>();

  const live = c.status === 'open' || c.status === 'paused';
  const perms = detail.permissions;
  const pending = detail.extensions.find((e) => e.status === 'requested');
  const dayWord = caseDayWord(c);

  const run = async (fn: () => Promise<unknown>, done: string) => {
    if (!(await submit(fn))) return;
    message.success(done);
    setDialog(null);
    onDone();
  };

  const resume = () =>
    modal.confirm({
      title: '恢复计时？',
      content: '恢复后办理期限继续计算，暂停期间不计入办理期限。',
      okText: '恢复计时',
      cancelText: '取消',
      onOk: async () => {
        try {
          await casesApi.resume(c.id);
          message.success('已恢复计时');
          onDone();
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });

  const open = (d: typeof dialog) => {
    clearError();
    setDialog(d);
  };

  return (
    <Card size="small" title="计时与延期">
      <Flex vertical gap={12}>
        {c.status === 'paused' ? (
          <Alert type="warning" showIcon title="办件暂停计时中，暂停期间不计入办理期限。" />
        ) : null}
        {!c.clockStartedOn && live ? (
          <Typography.Text type="secondary">办理期限尚未起算（受理后开始计时）。</Typography.Text>
        ) : null}
        {live && (perms.pause || perms.resume || perms.requestExtension) ? (
          <Flex gap={8} wrap>
            {perms.pause ? (
              <Button onClick={() => open('pause')} disabled={!c.clockStartedOn}>
                暂停计时
              </Button>
            ) : null}
            {perms.resume ? <Button onClick={resume}>恢复计时</Button> : null}
            {perms.requestExtension ? (
              <Button onClick={() => open('extend')} disabled={!c.clockStartedOn}>
                申请延长期限
              </Button>
            ) : null}
          </Flex>
        ) : null}
        {pending && !perms.decideExtension ? (
          <Typography.Text type="secondary">
            延期申请（{pending.days} {dayWord}）待负责人审批。
          </Typography.Text>
        ) : null}
        {pending && perms.decideExtension ? (
          <Alert
            type="info"
            showIcon
            title={`延长 ${pending.days} ${dayWord}的申请待您审批`}
            description={
              <>
                <div>理由：{pending.reason}</div>
                <div>
                  申请人：{pending.requestedByName ?? '—'}，{formatDateTime(pending.requestedAt)}
                </div>
              </>
            }
            action={
              <Flex vertical gap={8}>
                <Button type="primary" size="small" onClick={() => open({ ext: pending, approve: true })}>
                  批准
                </Button>
                <Button danger size="small" onClick={() => open({ ext: pending, approve: false })}>
                  不批准
                </Button>
              </Flex>
            }
          />
        ) : null}
        <RecordTable<Pause>
          title="暂停记录"
          rows={detail.pauses}
          empty="无暂停"
          columns={[
            { title: '类型', key: 'kind', render: (_, p) => pauseKindName(p) },
            { title: '原因', dataIndex: 'reason' },
            { title: '开始', dataIndex: 'startedOn', width: 100 },
            {
              title: '结束',
              key: 'end',
              width: 110,
              render: (_, p) => p.endedOn ?? (p.expectedDays ? `预计 ${p.expectedDays} 日` : '进行中'),
            },
            {
              title: '不计天数',
              dataIndex: 'countedDays',
              width: 80,
              render: (v: number | null) => (v === null || v === undefined ? '—' : v),
            },
          ]}
        />
        <RecordTable<Extension>
          title="延期记录"
          rows={detail.extensions}
          empty="无延期"
          columns={[
            { title: '天数', dataIndex: 'days', width: 60 },
            { title: '理由', dataIndex: 'reason' },
            {
              title: '状态',
              dataIndex: 'status',
              width: 80,
              render: (s: string) => (
                <ToneTag tone={EXT_STATUS[s]?.tone ?? 'gray'}>{EXT_STATUS[s]?.text ?? s}</ToneTag>
              ),
            },
            {
              title: '审批意见',
              key: 'decision',
              render: (_, e) =>
                e.decidedAt ? `${e.decidedByName ?? ''} ${e.decisionComment ?? ''}`.trim() || '—' : '—',
            },
          ]}
        />
      </Flex>

      {dialog === 'pause' ? (
        <FormModal<PauseValues>
          title="暂停计时"
          open
          form={pauseForm}
          okText="暂停计时"
          saving={saving}
          error={error}
          onCancel={() => setDialog(null)}
          onFinish={(v) =>
            run(
              () =>
                casesApi.pause(c.id, {
                  kind: v.kind,
                  reason: v.reason.trim(),
                  ...(v.expectedDays ? { expectedDays: v.expectedDays } : {}),
                }),
              '已暂停计时',
            )
          }
        >
          <Typography.Paragraph type="secondary">
            听证、检验检测、专家评审等特别程序所需时间不计入办理期限，应书面告知申请人所需时间。
          </Typography.Paragraph>
          <Form.Item label="暂停类型" name="kind" rules={[{ required: true, message: '请选择暂停类型' }]}>
            <Select
              options={PAUSE_KINDS.map((k) => ({ value: k.value, label: k.label }))}
              placeholder="请选择"
            />
          </Form.Item>
          <Form.Item
            label="暂停原因"
            name="reason"
            rules={[{ required: true, whitespace: true, message: '请填写暂停原因' }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
          <Form.Item label="预计所需天数" name="expectedDays">
            <InputNumber min={1} max={365} precision={0} style={{ width: 160 }} suffix="日" />
          </Form.Item>
        </FormModal>
      ) : null}

      {dialog === 'extend' ? (
        <FormModal<ExtensionValues>
          title="申请延长办理期限"
          open
          form={extForm}
          okText="提交申请"
          saving={saving}
          error={error}
          onCancel={() => setDialog(null)}
          onFinish={(v) =>
            run(
              () => casesApi.requestExtension(c.id, { days: v.days, reason: v.reason.trim() }),
              '延期申请已提交，待负责人审批',
            )
          }
        >
          <Typography.Paragraph type="secondary">
            经本行政机关负责人批准，可以延长办理期限，并将延长期限的理由告知申请人。
          </Typography.Paragraph>
          <Form.Item
            label={`延长天数（${dayWord === '日' ? '自然日' : '工作日'}）`}
            name="days"
            rules={[{ required: true, message: '请填写延长天数' }]}
          >
            <InputNumber min={1} max={60} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item
            label="延长理由"
            name="reason"
            rules={[{ required: true, whitespace: true, message: '请填写延长理由' }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </FormModal>
      ) : null}

      {dialog && typeof dialog === 'object' ? (
        <FormModal<DecisionValues>
          title={dialog.approve ? '批准延长办理期限' : '不批准延长办理期限'}
          open
          form={decisionForm}
          okText={dialog.approve ? '批准' : '不批准'}
          okDanger={!dialog.approve}
          saving={saving}
          error={error}
          onCancel={() => setDialog(null)}
          onFinish={(v) =>
            run(
              () =>
                casesApi.decideExtension(c.id, dialog.ext.id, {
                  approve: dialog.approve,
                  ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}),
                }),
              dialog.approve ? '已批准延期' : '已驳回延期申请',
            )
          }
        >
          <Typography.Paragraph>
            申请延长 {dialog.ext.days} {dayWord}，理由：{dialog.ext.reason}
          </Typography.Paragraph>
          <Form.Item
            label="审批意见"
            name="comment"
            rules={
              dialog.approve ? [] : [{ required: true, whitespace: true, message: '请填写不批准的理由' }]
            }
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </FormModal>
      ) : null}
    </Card>
  );
}

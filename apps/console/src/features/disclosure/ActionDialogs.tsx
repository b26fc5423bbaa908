// The dialogs of the 依申请公开 actions that carry data (registered with the case page's action panel):
// 答复 with its Art. 36 outcome, reasons and content; 申请延期答复 with its days (Art. 33 ¶2);
// 告知补正 with what to correct and the applicant's period (Art. 30); 收取信息处理费 (国办函〔2020〕109号)
// and 减免 of a fee. The server decides: its Chinese messages land on the fields they name.
import { Form, type FormInstance, Input, InputNumber, Radio, Select, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { FormModal } from '../../app/FormModal.tsx';
import { useRequest } from '../../app/hooks.ts';
import { applyFieldErrors, ErrorAlert } from '../../app/ui.tsx';
import { FEE_METHOD_NAMES, type FeeMethod } from '../../../../shared/disclosure.ts';
import type { ActionDialogProps } from '../cases/ActionPanel.tsx';
import { disclosureApi, type OutcomeView } from './api.ts';

/** Server field → form field (the action's data travels as `data.*`). */
const ALIASES: Record<string, string> = {
  'data.outcome': 'outcome',
  'data.reasons': 'reasons',
  'data.content': 'content',
  'data.days': 'days',
  'data.dueDays': 'dueDays',
  'data.method': 'method',
  'data.quantity': 'quantity',
  'data.reason': 'comment',
  comment: 'comment',
  action: 'comment',
};

/** The server's refusal on the named fields; what names no field stays in the dialog's alert. */
// biome-ignore lint/suspicious/noExplicitAny: any form of these dialogs
function useServerErrors(form: FormInstance<any>, error: unknown): unknown {
  const [shown, setShown] = useState<unknown>(null);
  useEffect(() => {
    if (!error) {
      setShown(null);
      return;
    }
    setShown(applyFieldErrors(form, error, ALIASES) ? null : error);
  }, [error, form]);
  return shown;
}

/** The outcome codes grouped as the annual report's table 2 rows. */
function outcomeOptions(items: OutcomeView[]) {
  const groups = new Map<string, OutcomeView[]>();
  for (const o of items) groups.set(o.group, [...(groups.get(o.group) ?? []), o]);
  return [...groups].map(([group, members]) => ({
    label: group,
    title: group,
    options: members.map((m) => ({ value: m.code, label: m.name })),
  }));
}

/** The frame of these dialogs: the form modal, the server's refusal on its fields, the rule the action follows. */
function ActionForm<T extends object>({
  dialog,
  form,
  title,
  okText,
  width,
  initialValues,
  top,
  rule,
  onFinish,
  children,
}: {
  dialog: ActionDialogProps;
  form: FormInstance<T>;
  title: string;
  okText: string;
  width?: number;
  initialValues?: Partial<T>;
  /** Shown above the rule (e.g. a list that failed to load). */
  top?: ReactNode;
  rule: string;
  onFinish: (values: T) => void;
  children: ReactNode;
}) {
  const shown = useServerErrors(form, dialog.error);
  return (
    <FormModal<T>
      title={title}
      open
      form={form}
      width={width}
      okText={okText}
      saving={dialog.saving}
      error={shown}
      onCancel={dialog.onCancel}
      initialValues={initialValues}
      onFinish={onFinish}
    >
      {top}
      <Typography.Paragraph type="secondary">{rule}</Typography.Paragraph>
      {children}
    </FormModal>
  );
}

/** A text the officer must write (the reason, what to correct, the fee's explanation). */
function RequiredText({
  label,
  name,
  message,
  rows,
}: {
  label: string;
  name: string;
  message: string;
  rows: number;
}) {
  return (
    <Form.Item label={label} name={name} rules={[{ required: true, whitespace: true, message }]}>
      <Input.TextArea rows={rows} showCount maxLength={2000} />
    </Form.Item>
  );
}

/** A whole number from 1 (working days, pieces, pages). */
function Count({
  label,
  name,
  message,
  max,
  extra,
}: {
  label: string;
  name: string;
  message: string;
  max: number;
  extra?: string;
}) {
  return (
    <Form.Item label={label} name={name} rules={[{ required: true, message }]} extra={extra}>
      <InputNumber min={1} max={max} precision={0} style={{ width: 160 }} />
    </Form.Item>
  );
}

/** The action's body: the officer's comment (trimmed) and its data. */
function commented(comment: string | undefined, data: Record<string, unknown>) {
  return { comment: comment?.trim() ?? '', data };
}

interface ReplyValues {
  outcome?: string;
  reasons?: string;
  content?: string;
}

export function ReplyDialog(props: ActionDialogProps) {
  const { action, initialComment, onSubmit } = props;
  const [form] = Form.useForm<ReplyValues>();
  const outcomes = useRequest('disclosure:outcomes', (signal) => disclosureApi.outcomes(signal));
  const code = Form.useWatch('outcome', form);
  const chosen = outcomes.data?.items.find((o) => o.code === code);
  return (
    <ActionForm<ReplyValues>
      dialog={props}
      form={form}
      title={`${action.label}：政府信息公开申请答复`}
      width={640}
      okText="确认答复"
      top={<ErrorAlert error={outcomes.error} onRetry={outcomes.reload} title="答复类型加载失败" />}
      rule="答复后生成编号的《政府信息公开申请答复书》并告知申请人，办件结束。除“予以公开”外须说明理由和依据；予以公开和部分公开须写明提供的信息或获取方式。"
      onFinish={(v) =>
        onSubmit({
          ...(initialComment ? { comment: initialComment } : {}),
          data: {
            outcome: v.outcome,
            ...(v.reasons?.trim() ? { reasons: v.reasons.trim() } : {}),
            ...(v.content?.trim() ? { content: v.content.trim() } : {}),
          },
        })
      }
    >
      <Form.Item
        label="答复类型"
        name="outcome"
        rules={[{ required: true, message: '请选择答复类型' }]}
        extra="与年度报告第三项“本年度办理结果”的行次一致"
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={outcomes.loading}
          placeholder="请选择答复类型"
          options={outcomeOptions(outcomes.data?.items ?? [])}
        />
      </Form.Item>
      <Form.Item
        label="理由和依据"
        name="reasons"
        required={!!chosen?.reasonRequired}
        extra={chosen && !chosen.reasonRequired ? '予以公开的可以不填' : undefined}
      >
        <Input.TextArea rows={4} showCount maxLength={2000} />
      </Form.Item>
      <Form.Item
        label="答复内容"
        name="content"
        required={code === 'GRANTED' || code === 'PARTIAL'}
        extra="提供的信息，或获取信息的方式、途径和时间"
      >
        <Input.TextArea rows={4} showCount maxLength={4000} />
      </Form.Item>
    </ActionForm>
  );
}

interface ExtensionValues {
  days?: number;
  comment?: string;
}

export function ExtensionDialog(props: ActionDialogProps) {
  const [form] = Form.useForm<ExtensionValues>();
  return (
    <ActionForm<ExtensionValues>
      dialog={props}
      form={form}
      title={props.action.label}
      okText="提交延期审批"
      initialValues={{ days: 20, comment: props.initialComment }}
      rule="《政府信息公开条例》第三十三条：需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过 20 个工作日，且只能延长一次。"
      onFinish={(v) => props.onSubmit(commented(v.comment, { days: v.days }))}
    >
      <Count label="延长期限（工作日）" name="days" message="请填写延长的工作日数" max={20} />
      <RequiredText label="延期理由" name="comment" message="请填写延期理由" rows={3} />
    </ActionForm>
  );
}

interface CorrectionValues {
  comment?: string;
  dueDays?: number;
}

export function CorrectionDialog(props: ActionDialogProps) {
  const [form] = Form.useForm<CorrectionValues>();
  return (
    <ActionForm<CorrectionValues>
      dialog={props}
      form={form}
      title={`${props.action.label}：一次性告知需要补正的事项`}
      okText="发出补正告知"
      initialValues={{ comment: props.initialComment, dueDays: 15 }}
      rule="条例第三十条：申请内容不明确的，应当自收到申请之日起 7 个工作日内一次性告知申请人补正。补正期间暂停计时，收到补正后答复期限重新计算。"
      onFinish={(v) => props.onSubmit(commented(v.comment, { dueDays: v.dueDays }))}
    >
      <RequiredText label="需要补正的事项" name="comment" message="请写明需要补正的事项" rows={4} />
      <Count label="补正期限（工作日）" name="dueDays" message="请填写补正期限" max={60} />
    </ActionForm>
  );
}

interface FeeValues {
  method?: FeeMethod;
  quantity?: number;
  comment?: string;
}

export function FeeDialog(props: ActionDialogProps) {
  const [form] = Form.useForm<FeeValues>();
  const method = Form.useWatch('method', form) ?? 'piece';
  return (
    <ActionForm<FeeValues>
      dialog={props}
      form={form}
      title={`${props.action.label}（国办函〔2020〕109号）`}
      width={600}
      okText="发出收费通知"
      initialValues={{ method: 'piece', quantity: 1, comment: props.initialComment }}
      rule="按件或按量计收，超额累进计算，二者不得同时适用。金额由系统按同一申请人本自然月内累计件数（按件）或本次页数（按量）计算。申请人应自收到收费通知次日起 20 个工作日内缴纳，其间暂停计时；逾期未缴纳的视为放弃申请。"
      onFinish={(v) => props.onSubmit(commented(v.comment, { method: v.method, quantity: v.quantity }))}
    >
      <Form.Item label="计收方式" name="method" rules={[{ required: true, message: '请选择计收方式' }]}>
        <Radio.Group
          options={(Object.keys(FEE_METHOD_NAMES) as FeeMethod[]).map((value) => ({
            value,
            label: FEE_METHOD_NAMES[value],
          }))}
        />
      </Form.Item>
      <Count
        label={method === 'volume' ? '页数' : '本申请计件数'}
        name="quantity"
        message="请填写数量"
        max={100000}
        extra={
          method === 'volume'
            ? '以纸质件、电子邮件或复制电子数据方式提供的页数：30 页以下免费，31–100 页 10 元/页，101–200 页 20 元/页，201 页以上 40 元/页'
            : '一份申请含多项内容的，可按“一事一申请”拆分计件。同一申请人一个自然月内累计 10 件以下免费，11–30 件 100 元/件，31 件以上每 10 件一档、每档加 100 元/件'
        }
      />
      <RequiredText label="收费说明" name="comment" message="请写明收费的理由" rows={3} />
    </ActionForm>
  );
}

// 督办: a supervisor issues a supervise order on a case, with a deadline for the unit's reply.
import { App, DatePicker, Form, Input, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { FormModal, useSubmit } from '../../app/FormModal.tsx';
import { todayInShanghai } from '../cases/deadline.tsx';
import { supervisionApi } from './api.ts';

interface Values {
  deadline: Dayjs;
  content: string;
}

export function OrderDialog({
  caseId,
  caseNumber,
  onCancel,
  onDone,
}: {
  caseId: string;
  caseNumber: string;
  onCancel: () => void;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  // The server's refusals (a deadline without a working day to reply in …) land on their fields.
  const { saving, error, run } = useSubmit(form);
  const today = todayInShanghai();
  return (
    <FormModal<Values>
      title={`对办件 ${caseNumber} 发出督办`}
      open
      form={form}
      okText="发出督办"
      saving={saving}
      error={error}
      onCancel={onCancel}
      initialValues={{ deadline: dayjs().add(5, 'day') }}
      onFinish={async (v) => {
        const issued = await run(() =>
          supervisionApi.issueOrder({
            caseId,
            deadline: v.deadline.format('YYYY-MM-DD'),
            content: v.content.trim(),
          }),
        );
        if (issued) {
          message.success('督办已发出，承办单位须在期限内反馈');
          onDone();
        }
      }}
    >
      <Typography.Paragraph type="secondary">
        督办单将送达承办单位的待办事项，承办单位须在反馈期限内说明办理情况。
      </Typography.Paragraph>
      <Form.Item label="反馈期限" name="deadline" rules={[{ required: true, message: '请选择反馈期限' }]}>
        <DatePicker
          style={{ width: 200 }}
          // The reply is due after today (in Beijing), as the server requires.
          disabledDate={(d) => d.format('YYYY-MM-DD') <= today}
          format="YYYY-MM-DD"
        />
      </Form.Item>
      <Form.Item
        label="督办内容"
        name="content"
        rules={[{ required: true, whitespace: true, message: '请填写督办内容' }]}
      >
        <Input.TextArea rows={4} maxLength={2000} showCount placeholder="督办事由和要求" />
      </Form.Item>
    </FormModal>
  );
}

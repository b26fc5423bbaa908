// Deadline calculator over the published calendar: from a date plus N working days, and the number
// of working days between two dates. Years without a published notice answer 422 with a Chinese
// message, shown as is.
import { Alert, Button, Card, DatePicker, Form, InputNumber, Tabs } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../api/client.ts';
import { calendarApi } from '../../api/endpoints.ts';
import { describeDate } from './MonthGrid.tsx';

type Outcome = { ok: true; text: string } | { ok: false; text: string } | null;

function OutcomeAlert({ outcome }: { outcome: Outcome }) {
  if (!outcome) return null;
  return (
    <Alert
      type={outcome.ok ? 'success' : 'error'}
      showIcon
      role={outcome.ok ? 'status' : 'alert'}
      title={outcome.text}
      style={{ marginTop: 12 }}
    />
  );
}

function AddForm() {
  const [form] = Form.useForm<{ from: Dayjs; days: number }>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const onFinish = async (v: { from: Dayjs; days: number }) => {
    setBusy(true);
    setOutcome(null);
    try {
      const from = v.from.format('YYYY-MM-DD');
      const { date } = await calendarApi.addWorkingDays(from, v.days);
      setOutcome({
        ok: true,
        text: `自 ${describeDate(from)} 起 ${v.days} 个工作日后为 ${describeDate(date)}`,
      });
    } catch (e) {
      setOutcome({ ok: false, text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ days: 20 }}>
      <Form.Item label="起始日期" name="from" rules={[{ required: true, message: '请选择起始日期' }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item label="工作日数" name="days" rules={[{ required: true, message: '请输入工作日数' }]}>
        <InputNumber min={0} max={3650} precision={0} style={{ width: '100%' }} suffix="个工作日" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        计算到期日
      </Button>
      <OutcomeAlert outcome={outcome} />
    </Form>
  );
}

function CountForm() {
  const [form] = Form.useForm<{ from: Dayjs; to: Dayjs }>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const onFinish = async (v: { from: Dayjs; to: Dayjs }) => {
    setBusy(true);
    setOutcome(null);
    try {
      const from = v.from.format('YYYY-MM-DD');
      const to = v.to.format('YYYY-MM-DD');
      const { days } = await calendarApi.countWorkingDays(from, to);
      setOutcome({ ok: true, text: `${describeDate(from)} 至 ${describeDate(to)} 共 ${days} 个工作日` });
    } catch (e) {
      setOutcome({ ok: false, text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={onFinish}>
      <Form.Item label="开始日期" name="from" rules={[{ required: true, message: '请选择开始日期' }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        label="结束日期"
        name="to"
        dependencies={['from']}
        rules={[
          { required: true, message: '请选择结束日期' },
          ({ getFieldValue }) => ({
            validator: (_, value: Dayjs | undefined) => {
              const from = getFieldValue('from') as Dayjs | undefined;
              return !value || !from || !value.isBefore(from, 'day')
                ? Promise.resolve()
                : Promise.reject(new Error('结束日期不能早于开始日期'));
            },
          }),
        ]}
      >
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        统计工作日
      </Button>
      <OutcomeAlert outcome={outcome} />
    </Form>
  );
}

export function Calculator() {
  return (
    <Card size="small" title="期限计算">
      <Tabs
        size="small"
        items={[
          { key: 'add', label: '加工作日', children: <AddForm /> },
          { key: 'count', label: '统计工作日', children: <CountForm /> },
        ]}
      />
    </Card>
  );
}

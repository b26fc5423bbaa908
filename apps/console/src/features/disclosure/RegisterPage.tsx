// 登记公开申请: an officer records a request that arrived at the counter, by post, as an ordinary letter
// or by fax (条例第二十九条、第三十一条). The receipt date follows the channel's rule; the case opens with the
// same 20-working-day deadline as online requests, and the query code is given to the applicant.
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Radio,
  Result,
  Row,
  Select,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  CHANNEL_NAMES,
  ORGANISATION_CATEGORIES,
  PERSON_ID_TYPES,
  RECEIPT_RULES,
  REGISTERED_CHANNELS,
} from '../../../../shared/disclosure.ts';
import { useSubmit } from '../../app/FormModal.tsx';
import { ErrorAlert, PageHeader } from '../../app/ui.tsx';
import { caseUrl } from '../cases/columns.tsx';
import { DELIVERIES, disclosureApi, type RegisterRequestInput, type SubmitRequestResult } from './api.ts';
import { UnitPicker, useStaffUnit } from './shared.tsx';

/** The channels an officer registers, each with the Art. 31 rule for its receipt date. */
const CHANNELS = REGISTERED_CHANNELS.map((value) => ({
  value,
  label: CHANNEL_NAMES[value],
  rule: RECEIPT_RULES[value],
}));

type Values = Omit<RegisterRequestInput, 'orgId'>;

/** A line the officer must fill in, half the form's width. */
function RequiredLine({
  label,
  name,
  message,
  max,
}: {
  label: string;
  name: string;
  message: string;
  max: number;
}) {
  return (
    <Col xs={24} md={12}>
      <Form.Item label={label} name={name} rules={[{ required: true, whitespace: true, message }]}>
        <Input maxLength={max} autoComplete="off" />
      </Form.Item>
    </Col>
  );
}

function todayInShanghai(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

export function RegisterPage() {
  const { message } = App.useApp();
  const { units, unit, choose, loading, error: unitsError, reload } = useStaffUnit('requests');
  const [form] = Form.useForm<Values>();
  const { saving, error, run } = useSubmit(form);
  const [done, setDone] = useState<SubmitRequestResult | null>(null);
  const channel = Form.useWatch('channel', form) ?? 'counter';
  const type = Form.useWatch('applicantType', form) ?? 'person';
  const orgId = unit?.orgId;

  const submit = async (v: Values) => {
    if (!orgId) return;
    let saved: SubmitRequestResult | undefined;
    const trimmed = Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k, typeof x === 'string' ? x.trim() : x]),
    ) as Values;
    const ok = await run(async () => {
      saved = await disclosureApi.register({
        ...trimmed,
        orgId,
        idType: trimmed.applicantType === 'person' ? trimmed.idType : undefined,
        applicantCategory: trimmed.applicantType === 'person' ? '自然人' : trimmed.applicantCategory,
      });
    });
    if (ok && saved) {
      message.success(`已登记，申请编号 ${saved.number}`);
      setDone(saved);
    }
  };

  if (done) {
    return (
      <>
        <PageHeader title="登记公开申请" />
        <Result
          status="success"
          title={`已登记政府信息公开申请 ${done.number}`}
          subTitle={`收到申请日 ${done.receivedOn}，答复期限 ${done.dueDate ?? '—'}。请将申请编号和查询码告知申请人。`}
          extra={[
            <Link key="case" to={caseUrl(done.caseId)}>
              查看办件
            </Link>,
            <Button
              key="again"
              onClick={() => {
                form.resetFields();
                setDone(null);
              }}
            >
              继续登记
            </Button>,
          ]}
        >
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'number', label: '申请编号', children: done.number },
              {
                key: 'code',
                label: '查询码',
                children: <Typography.Text copyable>{done.queryCode ?? '—'}</Typography.Text>,
              },
            ]}
          />
        </Result>
      </>
    );
  }

  return (
    <>
      <PageHeader title="登记公开申请">
        登记当面、邮寄、平常信函或传真提交的政府信息公开申请（当面口头提出的，由工作人员代为填写）。收到申请日按《政府信息公开条例》第三十一条确定，答复期限自其次日起计算
        20 个工作日。
      </PageHeader>
      <ErrorAlert error={unitsError} onRetry={reload} />
      <UnitPicker units={units} value={orgId} loading={loading} onChange={choose} />
      <Card size="small">
        <ErrorAlert error={error} />
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          aria-label="登记政府信息公开申请"
          initialValues={{
            channel: 'counter',
            receivedOn: todayInShanghai(),
            applicantType: 'person',
            idType: '居民身份证',
            applicantCategory: '商业企业',
            delivery: 'paper',
          }}
          scrollToFirstError
        >
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                label="申请方式"
                name="channel"
                rules={[{ required: true, message: '请选择申请方式' }]}
              >
                <Radio.Group options={CHANNELS.map((c) => ({ value: c.value, label: c.label }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                label="收到申请日期"
                name="receivedOn"
                rules={[{ required: true, message: '请填写收到申请日期' }]}
                extra={CHANNELS.find((c) => c.value === channel)?.rule}
              >
                <Input type="date" max={todayInShanghai()} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="申请人类型" name="applicantType">
                <Radio.Group
                  options={[
                    { value: 'person', label: '公民' },
                    { value: 'organisation', label: '法人或其他组织' },
                  ]}
                />
              </Form.Item>
            </Col>
            <RequiredLine
              label={type === 'person' ? '姓名' : '名称'}
              name="applicantName"
              message="请填写申请人"
              max={100}
            />
            {type === 'person' ? (
              <Col xs={24} md={12}>
                <Form.Item label="证件类型" name="idType">
                  <Select options={PERSON_ID_TYPES.map((t) => ({ value: t, label: t }))} />
                </Form.Item>
              </Col>
            ) : (
              <Col xs={24} md={12}>
                <Form.Item label="申请人类别" name="applicantCategory" extra="年度报告第三项的统计列">
                  <Select
                    options={ORGANISATION_CATEGORIES.map((c) => ({
                      value: c,
                      label: c,
                    }))}
                  />
                </Form.Item>
              </Col>
            )}
            <RequiredLine
              label={type === 'person' ? '证件号码' : '统一社会信用代码'}
              name="idNumber"
              message="请填写身份证明"
              max={40}
            />
            <RequiredLine label="联系电话" name="phone" message="请填写联系电话" max={30} />
            <Col xs={24} md={12}>
              <Form.Item label="通信地址" name="address" extra="邮寄或提供纸质文本时必填">
                <Input maxLength={200} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            label="所需政府信息的名称、文号或者特征性描述"
            name="description"
            rules={[{ required: true, whitespace: true, message: '请填写所需政府信息' }]}
          >
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item label="文号" name="docNumber">
                <Input maxLength={60} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="获取信息的方式" name="delivery">
                <Select options={DELIVERIES.map((d) => ({ value: d.value, label: d.label }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="用途" name="purpose">
                <Input maxLength={500} />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" loading={saving} disabled={!orgId}>
            登记申请
          </Button>
        </Form>
      </Card>
    </>
  );
}

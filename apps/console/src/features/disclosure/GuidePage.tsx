// 公开指南 (Art. 12): the office that handles disclosure for a unit, how to reach it, the number prefix
// of its reply letters and the bodies named in the remedies sentence. Saving publishes the guide.
import { Button, Card, Col, Form, Input, Row, Typography } from 'antd';
import { App } from 'antd';
import { useEffect } from 'react';
import { ApiError } from '../../api/client.ts';
import { useSubmit } from '../../app/FormModal.tsx';
import { useRequest } from '../../app/hooks.ts';
import { ErrorAlert, formatDateTime, PageHeader, PageLoading } from '../../app/ui.tsx';
import { disclosureApi, type GuideInput } from './api.ts';
import { UnitPicker, useStaffUnit } from './shared.tsx';

const EMPTY: GuideInput = {
  officeName: '',
  address: '',
  officeHours: '',
  phone: '',
  fax: '',
  email: '',
  postcode: '',
  intro: '',
  letterPrefix: '',
  reconsiderationBody: '',
  litigationCourt: '',
};

export function GuidePage() {
  const { message } = App.useApp();
  const { units, unit, choose, loading, error: unitsError, reload } = useStaffUnit('catalogue');
  const orgId = unit?.orgId;
  const guide = useRequest(orgId ? `disclosure:guide:${orgId}` : null, (signal) =>
    disclosureApi.guide(orgId as string, signal).catch((e: unknown) => {
      // A unit without a guide yet: an empty form.
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }),
  );
  const [form] = Form.useForm<GuideInput>();
  const { saving, error, run } = useSubmit(form);

  useEffect(() => {
    if (guide.data !== undefined) form.setFieldsValue({ ...EMPTY, ...(guide.data ?? {}) });
  }, [guide.data, form]);

  const save = async (v: GuideInput) => {
    if (!orgId) return;
    const body = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, (x ?? '').trim()])) as GuideInput;
    if (await run(() => disclosureApi.saveGuide(orgId, body))) {
      message.success('公开指南已保存并公布');
      guide.reload();
      reload();
    }
  };

  const field = (name: keyof GuideInput, label: string, max: number, extra?: string, required = false) => (
    <Form.Item
      label={label}
      name={name}
      extra={extra}
      rules={required ? [{ required: true, whitespace: true, message: `请填写${label}` }] : []}
    >
      <Input maxLength={max} />
    </Form.Item>
  );

  return (
    <>
      <PageHeader title="公开指南">
        《政府信息公开条例》第十二条：公开指南载明政府信息的分类、编排体系、获取方式和政府信息公开工作机构的名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式等。
      </PageHeader>
      <ErrorAlert error={unitsError} onRetry={reload} />
      <UnitPicker units={units} value={orgId} loading={loading} onChange={choose} />
      <ErrorAlert error={guide.error} onRetry={guide.reload} />
      {orgId && guide.loading && guide.data === undefined ? <PageLoading /> : null}
      {orgId && guide.data !== undefined ? (
        <Card size="small">
          {guide.data ? (
            <Typography.Paragraph type="secondary">
              最近保存：{formatDateTime(guide.data.updatedAt)}；公开目录已发布 {guide.data.entryCount} 条。
            </Typography.Paragraph>
          ) : (
            <Typography.Paragraph type="secondary">
              该单位尚未公布公开指南，保存后即在门户网站公布。
            </Typography.Paragraph>
          )}
          <ErrorAlert error={error} />
          <Form<GuideInput> form={form} layout="vertical" onFinish={save} aria-label="公开指南">
            <Row gutter={16}>
              <Col xs={24} md={12}>
                {field('officeName', '政府信息公开工作机构', 100, undefined, true)}
              </Col>
              <Col xs={24} md={12}>
                {field('address', '办公地址', 200)}
              </Col>
              <Col xs={24} md={12}>
                {field('officeHours', '办公时间', 200)}
              </Col>
              <Col xs={24} md={6}>
                {field('phone', '联系电话', 50)}
              </Col>
              <Col xs={24} md={6}>
                {field('fax', '传真号码', 50)}
              </Col>
              <Col xs={24} md={12}>
                {field('email', '电子邮箱', 100)}
              </Col>
              <Col xs={24} md={6}>
                {field('postcode', '邮政编码', 10)}
              </Col>
              <Col xs={24} md={6}>
                {field(
                  'letterPrefix',
                  '答复书文号前缀',
                  20,
                  '如“丽政办”，答复书编号为“丽政办公复〔2026〕3号”',
                )}
              </Col>
              <Col xs={24} md={12}>
                {field('reconsiderationBody', '行政复议机关', 100, '答复书救济途径中写明')}
              </Col>
              <Col xs={24} md={12}>
                {field('litigationCourt', '行政诉讼管辖法院', 100)}
              </Col>
            </Row>
            <Form.Item label="指南正文" name="intro" extra="信息分类、编排体系、获取方式、收费、监督和救济等">
              <Input.TextArea rows={10} maxLength={10000} showCount />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={saving}>
              保存并公布
            </Button>
          </Form>
        </Card>
      ) : null}
    </>
  );
}

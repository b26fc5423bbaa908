import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Form, Input, Result, Row, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { sessionApi } from '../../api/endpoints.ts';
import type { TotpSetup } from '../../api/types.ts';
import { useAuth, useUser } from '../../app/auth.tsx';
import { applyFieldErrors, ErrorAlert, PageHeader } from '../../app/ui.tsx';

/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP" for reading aloud / typing. */
function groupSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

export function TotpSetupPage() {
  const user = useUser();
  const { refresh } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ otp: string }>();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [starting, setStarting] = useState(false);
  const [enabling, setEnabling] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  const start = async () => {
    setStarting(true);
    setError(null);
    try {
      const next = await sessionApi.totpSetup();
      if (setup) form.resetFields(); // the form exists only once a secret is shown
      setSetup(next);
    } catch (e) {
      setError(e);
    } finally {
      setStarting(false);
    }
  };

  const enable = async ({ otp }: { otp: string }) => {
    setEnabling(true);
    setError(null);
    try {
      await sessionApi.totpEnable(otp.trim());
      setDone(true);
      message.success('两步验证已启用');
      await refresh();
    } catch (e) {
      if (e instanceof ApiError && (e.code === 'OTP_INVALID' || e.status === 422 || e.status === 401)) {
        if (!applyFieldErrors(form, e)) form.setFields([{ name: 'otp', errors: [e.message], value: '' }]);
      } else {
        setError(e);
      }
    } finally {
      setEnabling(false);
    }
  };

  if (done) {
    return (
      <>
        <PageHeader title="两步验证" />
        <Result
          status="success"
          title="两步验证已启用"
          subTitle="以后登录时，请在输入密码后再输入身份验证器中的 6 位动态验证码。"
          extra={
            <Button type="primary" onClick={() => navigate('/')}>
              进入工作台
            </Button>
          }
        />
      </>
    );
  }

  if (user.totpEnabled) {
    return (
      <>
        <PageHeader title="两步验证" />
        <Result
          status="success"
          title="您的账号已启用两步验证"
          subTitle="登录时须输入身份验证器中的动态验证码。如更换了手机或遗失验证器，请联系安全管理员重置后重新设置。"
        />
      </>
    );
  }

  return (
    <>
      <PageHeader title="两步验证">
        使用手机上的身份验证器（如 Microsoft Authenticator、Google Authenticator、FreeOTP 等支持 TOTP
        的应用）生成动态验证码，登录时与密码一起使用。
      </PageHeader>
      {user.totpSetupRequired ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="必须先启用两步验证"
          description="您的账号为管理员账号，系统要求启用两步验证后才能继续使用其他功能。"
        />
      ) : null}
      <ErrorAlert error={error} />
      <Card>
        <Steps
          current={setup ? 1 : 0}
          style={{ marginBottom: 24 }}
          items={[{ title: '生成密钥' }, { title: '扫码并验证' }]}
        />
        {!setup ? (
          <Flex vertical align="center" gap={16} style={{ padding: '24px 0' }}>
            <SafetyCertificateOutlined style={{ fontSize: 48, color: '#1d4ed8' }} aria-hidden="true" />
            <Typography.Paragraph style={{ margin: 0 }}>
              点击下方按钮生成两步验证密钥和二维码。
            </Typography.Paragraph>
            <Button type="primary" size="large" loading={starting} onClick={() => void start()}>
              开始设置
            </Button>
          </Flex>
        ) : (
          <Row gutter={[32, 24]}>
            <Col xs={24} md={10}>
              <Flex vertical align="center" gap={12}>
                <img
                  src={setup.qrDataUrl}
                  alt="两步验证二维码，请用身份验证器扫描"
                  width={220}
                  height={220}
                  style={{ imageRendering: 'pixelated', border: '1px solid #e5e7eb', borderRadius: 4 }}
                />
                <Typography.Text type="secondary">用身份验证器扫描二维码</Typography.Text>
              </Flex>
            </Col>
            <Col xs={24} md={14}>
              <Typography.Paragraph>
                无法扫码时，可在身份验证器中手动输入以下密钥（基于时间）：
              </Typography.Paragraph>
              <Typography.Paragraph>
                <Typography.Text
                  code
                  copyable={{ text: setup.secret, tooltips: ['复制密钥', '已复制'] }}
                  style={{ fontSize: 16 }}
                >
                  {groupSecret(setup.secret)}
                </Typography.Text>
              </Typography.Paragraph>
              <Form<{ otp: string }>
                form={form}
                layout="vertical"
                onFinish={enable}
                disabled={enabling}
                style={{ maxWidth: 320 }}
              >
                <Form.Item
                  label="验证码"
                  name="otp"
                  extra="输入身份验证器当前显示的 6 位数字"
                  rules={[
                    { required: true, message: '请输入 6 位验证码' },
                    { pattern: /^\s*\d{6}\s*$/, message: '验证码为 6 位数字' },
                  ]}
                >
                  <Input
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    maxLength={6}
                    size="large"
                    autoFocus
                  />
                </Form.Item>
                <Flex gap={8}>
                  <Button type="primary" htmlType="submit" loading={enabling}>
                    验证并启用
                  </Button>
                  <Button onClick={() => void start()} loading={starting}>
                    重新生成
                  </Button>
                </Flex>
              </Form>
            </Col>
          </Row>
        )}
      </Card>
    </>
  );
}

import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.ts';
import { type LoginState, useAuth } from '../../app/auth.tsx';
import { PRODUCT_TITLE, useDocumentTitle } from '../../app/hooks.ts';
import { PageLoading } from '../../app/ui.tsx';

interface LoginForm {
  username: string;
  password: string;
  otp?: string;
}

type Notice = { type: 'error' | 'warning' | 'info'; text: string } | null;

function target(state: LoginState | null): string {
  const from = state?.from;
  if (!from || from.pathname === '/login') return '/';
  return `${from.pathname}${from.search ?? ''}${from.hash ?? ''}`;
}

export function LoginPage() {
  useDocumentTitle(null);
  const { status, login } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const state = (location.state as LoginState | null) ?? null;
  const [form] = Form.useForm<LoginForm>();
  const [otpStep, setOtpStep] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [notice, setNotice] = useState<Notice>(state?.reason ? { type: 'info', text: state.reason } : null);
  const otpRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (otpStep) otpRef.current?.focus();
  }, [otpStep]);

  if (status === 'loading') return <PageLoading label="正在验证登录状态…" />;
  if (status === 'authenticated') return <Navigate to={target(state)} replace />;

  const onFinish = async (values: LoginForm) => {
    setSubmitting(true);
    setNotice(null);
    try {
      await login({
        username: values.username.trim(),
        password: values.password,
        ...(otpStep && values.otp ? { otp: values.otp.trim() } : {}),
      });
      navigate(target(state), { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'OTP_REQUIRED') {
        setOtpStep(true);
        setNotice({ type: 'info', text: e.message || '请输入身份验证器中的 6 位动态验证码' });
      } else if (e instanceof ApiError && e.code === 'OTP_INVALID') {
        form.setFields([{ name: 'otp', errors: [e.message], value: '' }]);
        otpRef.current?.focus();
      } else if (e instanceof ApiError && e.status === 423) {
        setNotice({ type: 'warning', text: e.message });
      } else {
        setNotice({ type: 'error', text: errorMessage(e) });
        if (e instanceof ApiError && e.code === 'INVALID_CREDENTIALS') form.setFieldValue('password', '');
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Flex
      justify="center"
      align="center"
      style={{
        minHeight: '100vh',
        padding: 16,
        background: 'linear-gradient(180deg, #e8eefc 0%, #f5f6f8 60%)',
      }}
    >
      <main style={{ width: '100%', maxWidth: 400 }}>
        <Card>
          <Typography.Title level={1} style={{ fontSize: 24, textAlign: 'center', marginBottom: 4 }}>
            {PRODUCT_TITLE}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
            工作人员登录
          </Typography.Paragraph>
          {notice ? (
            <Alert
              type={notice.type}
              showIcon
              title={notice.text}
              role={notice.type === 'info' ? 'status' : 'alert'}
              style={{ marginBottom: 16 }}
            />
          ) : null}
          <Form<LoginForm>
            form={form}
            layout="vertical"
            requiredMark={false}
            onFinish={onFinish}
            disabled={submitting}
            aria-label="登录表单"
          >
            <Form.Item
              label="用户名"
              name="username"
              rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
            >
              <Input
                prefix={<UserOutlined />}
                autoComplete="username"
                autoFocus
                size="large"
                readOnly={otpStep}
              />
            </Form.Item>
            <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password
                prefix={<LockOutlined />}
                autoComplete="current-password"
                size="large"
                readOnly={otpStep}
              />
            </Form.Item>
            {otpStep ? (
              <Form.Item
                label="动态验证码"
                name="otp"
                extra="打开手机上的身份验证器，输入显示的 6 位数字。"
                rules={[
                  { required: true, message: '请输入 6 位动态验证码' },
                  { pattern: /^\s*\d{6}\s*$/, message: '动态验证码为 6 位数字' },
                ]}
              >
                <Input
                  ref={(el) => {
                    otpRef.current = el?.input ?? null;
                  }}
                  prefix={<SafetyOutlined />}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  size="large"
                />
              </Form.Item>
            ) : null}
            <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
              {otpStep ? '验证并登录' : '登录'}
            </Button>
            {otpStep ? (
              <Button
                type="link"
                block
                style={{ marginTop: 8 }}
                onClick={() => {
                  setOtpStep(false);
                  setNotice(null);
                  form.resetFields(['password', 'otp']);
                }}
              >
                使用其他账号登录
              </Button>
            ) : null}
          </Form>
        </Card>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginTop: 16, fontSize: 12 }}>
          本系统仅供授权工作人员使用，所有操作均记录审计日志。
        </Typography.Paragraph>
      </main>
    </Flex>
  );
}

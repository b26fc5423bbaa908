import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { sessionApi } from '../../api/endpoints.ts';
import { useAuth, useUser } from '../../app/auth.tsx';
import { applyFieldErrors, ErrorAlert, PageHeader } from '../../app/ui.tsx';
import { PASSWORD_HINT, PASSWORD_RULES } from './passwords.ts';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordPage() {
  const user = useUser();
  const { refresh } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<PasswordForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const onFinish = async (v: PasswordForm) => {
    setSaving(true);
    setError(null);
    try {
      await sessionApi.changePassword(v.currentPassword, v.newPassword);
      message.success('密码已修改，其他设备上的登录已失效');
      form.resetFields();
      await refresh();
      navigate('/', { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'INVALID_CREDENTIALS') {
        form.setFields([{ name: 'currentPassword', errors: [e.message] }]);
      } else if (!applyFieldErrors(form, e, { password: 'newPassword' })) {
        setError(e);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <PageHeader title="修改密码" />
      {user.mustChangePassword ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16, maxWidth: 560 }}
          title="请先修改密码"
          description="您的密码由管理员设置或已重置，需要修改为只有您自己知道的新密码后才能继续使用系统。"
        />
      ) : null}
      <ErrorAlert error={error} />
      <Card style={{ maxWidth: 560 }}>
        <Form<PasswordForm> form={form} layout="vertical" onFinish={onFinish} disabled={saving}>
          {/* lets password managers pair the new password with the account */}
          <input type="hidden" name="username" autoComplete="username" value={user.username} readOnly />
          <Form.Item
            label="当前密码"
            name="currentPassword"
            rules={[{ required: true, message: '请输入当前密码' }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item label="新密码" name="newPassword" rules={PASSWORD_RULES} extra={PASSWORD_HINT}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label="确认新密码"
            name="confirm"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || getFieldValue('newPassword') === value
                    ? Promise.resolve()
                    : Promise.reject(new Error('两次输入的密码不一致')),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving}>
            修改密码
          </Button>
        </Form>
      </Card>
    </>
  );
}

// Create / edit / reset-password dialogs of the users page.
import { App, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { userApi } from '../../api/endpoints.ts';
import type { Org, UserCreate, UserPatch, UserRow } from '../../api/types.ts';
import { FormModal, useSubmit } from '../../app/FormModal.tsx';
import { applyFieldErrors } from '../../app/ui.tsx';
import { OrgTreeSelect } from './orgs.tsx';
import { PASSWORD_HINT, PASSWORD_RULES } from './passwords.ts';

const PHONE_RULE = { pattern: /^1\d{10}$/, message: '请输入 11 位手机号码' };
const EMAIL_RULE = { type: 'email' as const, message: '电子邮箱格式不正确' };

/** A password chosen by an administrator, typed twice; the user replaces it at their next sign-in. */
function AdminSetPasswordFields({ label, when }: { label: string; when: string }) {
  return (
    <>
      <Form.Item
        label={label}
        name="password"
        rules={PASSWORD_RULES}
        extra={`${PASSWORD_HINT}。用户${when}时须修改`}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label={`确认${label}`}
        name="confirm"
        dependencies={['password']}
        rules={[
          { required: true, message: `请再次输入${label}` },
          ({ getFieldValue }) => ({
            validator: (_, value: unknown) =>
              !value || getFieldValue('password') === value
                ? Promise.resolve()
                : Promise.reject(new Error('两次输入的密码不一致')),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}

interface CreateValues {
  username: string;
  displayName: string;
  orgId: string;
  password: string;
  confirm: string;
  phone?: string;
  email?: string;
}

export function CreateUserModal({
  orgs,
  orgsLoading,
  defaultOrgId,
  onClose,
  onSaved,
}: {
  orgs: Org[] | undefined;
  orgsLoading: boolean;
  defaultOrgId: string | undefined;
  onClose: () => void;
  onSaved: (user: UserRow) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const onFinish = async (v: CreateValues) => {
    setSaving(true);
    setError(null);
    try {
      const body: UserCreate = {
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        orgId: v.orgId,
        password: v.password,
      };
      if (v.phone?.trim()) body.phone = v.phone.trim();
      if (v.email?.trim()) body.email = v.email.trim();
      const user = await userApi.create(body);
      message.success(`已创建用户“${user.displayName}”，首次登录时须修改密码`);
      onSaved(user);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'USERNAME_TAKEN' && e.details.length === 0) {
        form.setFields([{ name: 'username', errors: [e.message] }]);
      } else if (!applyFieldErrors(form, e)) {
        setError(e);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <FormModal<CreateValues>
      open
      title="新建工作人员账号"
      form={form}
      onFinish={onFinish}
      onCancel={onClose}
      saving={saving}
      error={error}
      okText="创建"
      initialValues={{ orgId: defaultOrgId }}
      width={560}
    >
      <Form.Item
        label="用户名"
        name="username"
        extra="登录时使用，创建后不能修改"
        rules={[
          { required: true, whitespace: true, message: '请输入用户名' },
          {
            pattern: /^[A-Za-z][A-Za-z0-9_.-]{3,31}$/,
            message: '用户名须为 4–32 位字母、数字或 _ . -，并以字母开头',
          },
        ]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        label="姓名"
        name="displayName"
        rules={[
          { required: true, whitespace: true, message: '请输入姓名' },
          { min: 2, max: 30, message: '姓名须为 2–30 个字' },
        ]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item label="所属机构" name="orgId" rules={[{ required: true, message: '请选择所属机构' }]}>
        <OrgTreeSelect orgs={orgs} loading={orgsLoading} />
      </Form.Item>
      <AdminSetPasswordFields label="初始密码" when="首次登录" />
      <Form.Item label="手机号码" name="phone" rules={[PHONE_RULE]}>
        <Input inputMode="tel" maxLength={11} autoComplete="off" />
      </Form.Item>
      <Form.Item label="电子邮箱" name="email" rules={[EMAIL_RULE]}>
        <Input type="email" autoComplete="off" />
      </Form.Item>
    </FormModal>
  );
}

interface EditValues {
  displayName: string;
  orgId: string;
  phone?: string;
  email?: string;
}

export function EditUserModal({
  user,
  orgs,
  orgsLoading,
  onClose,
  onSaved,
}: {
  user: UserRow;
  orgs: Org[] | undefined;
  orgsLoading: boolean;
  onClose: () => void;
  onSaved: (user: UserRow) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<EditValues>();
  const { saving, error, run } = useSubmit(form);
  const [email, setEmail] = useState<string | null | undefined>(user.email);

  // The list does not carry the email; the detail may.
  useEffect(() => {
    let live = true;
    userApi.get(user.id).then(
      (detail) => {
        if (!live) return;
        setEmail(detail.email ?? null);
        if (detail.email && !form.isFieldTouched('email')) form.setFieldValue('email', detail.email);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [user.id, form]);

  const onFinish = async (v: EditValues) => {
    await run(async () => {
      const body: UserPatch = {};
      if (v.displayName.trim() !== user.displayName) body.displayName = v.displayName.trim();
      if (v.orgId && v.orgId !== user.orgId) body.orgId = v.orgId;
      if (v.phone?.trim()) body.phone = v.phone.trim();
      const newEmail = v.email?.trim() ?? '';
      if (newEmail !== (email ?? '')) body.email = newEmail || null;
      const saved = Object.keys(body).length > 0 ? await userApi.update(user.id, body) : user;
      message.success('已保存');
      onSaved(saved);
    });
  };

  return (
    <FormModal<EditValues>
      open
      title={`编辑用户：${user.displayName}（${user.username}）`}
      form={form}
      onFinish={onFinish}
      onCancel={onClose}
      saving={saving}
      error={error}
      initialValues={{
        displayName: user.displayName,
        orgId: user.orgId ?? undefined,
        email: user.email ?? undefined,
      }}
      width={560}
    >
      <Form.Item
        label="姓名"
        name="displayName"
        rules={[
          { required: true, whitespace: true, message: '请输入姓名' },
          { min: 2, max: 30, message: '姓名须为 2–30 个字' },
        ]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item label="所属机构" name="orgId" rules={[{ required: true, message: '请选择所属机构' }]}>
        <OrgTreeSelect orgs={orgs} loading={orgsLoading} allowClear={false} />
      </Form.Item>
      <Form.Item
        label="手机号码"
        name="phone"
        rules={[PHONE_RULE]}
        extra={user.phoneMasked ? `当前：${user.phoneMasked}。不修改请留空` : '当前未登记。不修改请留空'}
      >
        <Input inputMode="tel" maxLength={11} autoComplete="off" />
      </Form.Item>
      <Form.Item label="电子邮箱" name="email" rules={[EMAIL_RULE]}>
        <Input type="email" autoComplete="off" />
      </Form.Item>
    </FormModal>
  );
}

interface ResetValues {
  password: string;
  confirm: string;
}

export function ResetPasswordModal({ user, onClose }: { user: UserRow; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ResetValues>();
  const { saving, error, run } = useSubmit(form);

  const onFinish = async (v: ResetValues) => {
    if (await run(() => userApi.resetPassword(user.id, v.password))) {
      message.success(`已重置“${user.displayName}”的密码，其登录已全部失效，下次登录须修改密码`);
      onClose();
    }
  };

  return (
    <FormModal<ResetValues>
      open
      title={`重置密码：${user.displayName}（${user.username}）`}
      form={form}
      onFinish={onFinish}
      onCancel={onClose}
      saving={saving}
      error={error}
      okText="重置密码"
      okDanger
    >
      <AdminSetPasswordFields label="新密码" when="下次登录" />
    </FormModal>
  );
}

// Dialogs of the article workflow: a reason (return, withdraw, return a push) and the push of a
// published article to a column of another site (信息报送).
import { Form, Input, Typography } from 'antd';
import { FormModal, useSubmit } from '../../app/FormModal.tsx';
import type { ArticleView, PushView, SiteView } from './api.ts';
import { cmsApi } from './api.ts';
import { ColumnTreeSelect, SiteSelect, useColumns } from './shared.tsx';

export function ReasonDialog<T>({
  title,
  label,
  okText,
  help,
  onSubmit,
  onCancel,
  onDone,
}: {
  title: string;
  label: string;
  okText: string;
  help?: string;
  onSubmit: (reason: string) => Promise<T>;
  onCancel: () => void;
  onDone: (result: T) => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const { saving, error, run } = useSubmit(form);
  return (
    <FormModal<{ reason: string }>
      title={title}
      open
      form={form}
      okText={okText}
      okDanger
      saving={saving}
      error={error}
      onCancel={onCancel}
      onFinish={async (v) => {
        let result: T | undefined;
        const ok = await run(async () => {
          result = await onSubmit(v.reason.trim());
        });
        if (ok && result !== undefined) onDone(result);
      }}
    >
      {help ? <Typography.Paragraph type="secondary">{help}</Typography.Paragraph> : null}
      <Form.Item
        name="reason"
        label={label}
        rules={[{ required: true, whitespace: true, message: `请填写${label}` }]}
      >
        <Input.TextArea rows={4} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}

interface PushValues {
  siteId?: string;
  targetColumnId?: string;
}

export function PushDialog({
  article,
  sites,
  onCancel,
  onDone,
}: {
  article: ArticleView;
  sites: SiteView[];
  onCancel: () => void;
  onDone: (p: PushView) => void;
}) {
  const [form] = Form.useForm<PushValues>();
  const { saving, error, run } = useSubmit(form);
  const siteId = Form.useWatch('siteId', form);
  const columns = useColumns(siteId);
  const others = sites.filter((s) => s.id !== article.siteId);
  return (
    <FormModal<PushValues>
      title={`报送稿件“${article.title}”`}
      open
      form={form}
      okText="报送"
      saving={saving}
      error={error}
      onCancel={onCancel}
      initialValues={{ siteId: others.find((s) => s.isDefault)?.id }}
      onFinish={async (v) => {
        let pushed: PushView | undefined;
        const ok = await run(async () => {
          pushed = await cmsApi.push(article.id, v.targetColumnId ?? '');
        });
        if (ok && pushed) onDone(pushed);
      }}
    >
      <Typography.Paragraph type="secondary">
        报送到其他网站（通常是城市门户）的栏目；对方审核人采用后，在该栏目发布注明来源的转载稿。
      </Typography.Paragraph>
      <Form.Item name="siteId" label="目标网站" rules={[{ required: true, message: '请选择目标网站' }]}>
        <SiteSelect sites={others} onChange={() => form.setFieldValue('targetColumnId', undefined)} />
      </Form.Item>
      <Form.Item
        name="targetColumnId"
        label="目标栏目"
        rules={[{ required: true, message: '请选择目标栏目' }]}
      >
        <ColumnTreeSelect
          columns={columns.data}
          loading={columns.loading}
          articlesOnly
          disabled={!siteId}
          placeholder={siteId ? '请选择栏目' : '先选择网站'}
        />
      </Form.Item>
    </FormModal>
  );
}

// 一次性告知 (行政许可法 Art. 32(4)): every missing or defective material listed at once. Staff tick the
// item's materials that need correcting and say what is wrong, and add free rows for anything else;
// the rows become the action's data.items and the 《一次性告知书》.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Divider, Flex, Form, Input, Typography } from 'antd';
import { FormModal } from '../../app/FormModal.tsx';
import type { ServiceMaterial } from './api.ts';

export interface CorrectionItem {
  materialId?: string;
  name: string;
  problem: string;
}

interface Values {
  picked: Record<string, { checked?: boolean; problem?: string }>;
  extra: { name?: string; problem?: string }[];
  comment?: string;
}

export function CorrectionDialog({
  open,
  title,
  materials,
  saving,
  error,
  onSubmit,
  onCancel,
  commentRequired,
  initialComment,
}: {
  open: boolean;
  title: string;
  materials: ServiceMaterial[];
  saving: boolean;
  error: unknown;
  onSubmit: (items: CorrectionItem[], comment: string) => void;
  /** The step requires a comment with this action. */
  commentRequired?: boolean;
  /** What the officer already typed in the panel's comment box. */
  initialComment?: string;
  onCancel: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const picked = Form.useWatch('picked', form) ?? {};

  const collect = (v: Partial<Values>): CorrectionItem[] => {
    const items: CorrectionItem[] = [];
    for (const m of materials) {
      const row = v.picked?.[m.id];
      if (row?.checked) items.push({ materialId: m.id, name: m.name, problem: (row.problem ?? '').trim() });
    }
    for (const row of v.extra ?? []) {
      if (row?.name?.trim()) items.push({ name: row.name.trim(), problem: (row.problem ?? '').trim() });
    }
    return items;
  };
  const finish = (v: Values) => onSubmit(collect(v), v.comment?.trim() ?? '');

  return (
    <FormModal<Values>
      title={title}
      open={open}
      form={form}
      onFinish={finish}
      onCancel={onCancel}
      saving={saving}
      error={error}
      okText="发出一次性告知"
      width={720}
      initialValues={{ picked: {}, extra: [], comment: initialComment ?? '' }}
    >
      <Typography.Paragraph type="secondary">
        请一次性列出全部需要补正的材料及问题。发出后办件暂停计时，申请人补正后继续办理。
      </Typography.Paragraph>
      {materials.length > 0 ? (
        <fieldset style={{ border: 0, margin: 0, padding: 0 }}>
          <legend style={{ fontWeight: 600, fontSize: 14, marginBottom: 8 }}>事项申请材料</legend>
          {materials.map((m) => {
            const checked = !!picked?.[m.id]?.checked;
            return (
              <Flex key={m.id} gap={12} align="flex-start" wrap style={{ marginBottom: 4 }}>
                <Form.Item
                  name={['picked', m.id, 'checked']}
                  valuePropName="checked"
                  style={{ margin: 0, minWidth: 240 }}
                >
                  <Checkbox>
                    {m.name}
                    {m.required ? '（必要）' : ''}
                  </Checkbox>
                </Form.Item>
                {checked ? (
                  <Form.Item
                    name={['picked', m.id, 'problem']}
                    style={{ flex: 1, minWidth: 240, marginBottom: 8 }}
                    rules={[{ required: true, whitespace: true, message: '请说明该材料存在的问题' }]}
                  >
                    <Input
                      aria-label={`${m.name}的问题说明`}
                      placeholder="问题说明，如：缺少原件、未盖章、已过期"
                      maxLength={500}
                    />
                  </Form.Item>
                ) : null}
              </Flex>
            );
          })}
        </fieldset>
      ) : null}
      <Divider style={{ margin: '12px 0' }} />
      <Form.List name="extra">
        {(fields, { add, remove }) => (
          <fieldset style={{ border: 0, margin: 0, padding: 0 }}>
            <legend style={{ fontWeight: 600, fontSize: 14, marginBottom: 8 }}>其他需要补正的内容</legend>
            {fields.map((f, i) => (
              <Flex key={f.key} gap={8} align="flex-start" wrap>
                <Form.Item
                  name={[f.name, 'name']}
                  style={{ width: 220, marginBottom: 8 }}
                  rules={[{ required: true, whitespace: true, message: '请填写材料或内容名称' }]}
                >
                  <Input aria-label={`第 ${i + 1} 项名称`} placeholder="材料或内容名称" maxLength={100} />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'problem']}
                  style={{ flex: 1, minWidth: 220, marginBottom: 8 }}
                  rules={[{ required: true, whitespace: true, message: '请说明问题' }]}
                >
                  <Input aria-label={`第 ${i + 1} 项问题说明`} placeholder="问题说明" maxLength={500} />
                </Form.Item>
                <Button
                  icon={<DeleteOutlined />}
                  aria-label={`删除第 ${i + 1} 项`}
                  onClick={() => remove(f.name)}
                />
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', problem: '' })}>
              添加一项
            </Button>
          </fieldset>
        )}
      </Form.List>
      {/* Validated with the other fields, so every problem shows at once. */}
      <Form.Item
        name="atLeastOne"
        style={{ marginTop: 12, marginBottom: 0 }}
        dependencies={['picked', 'extra']}
        rules={[
          () => ({
            validator: () =>
              collect(form.getFieldsValue(true) as Values).length > 0
                ? Promise.resolve()
                : Promise.reject(new Error('请至少列出一项需要补正的材料或内容')),
          }),
        ]}
      >
        <input type="hidden" />
      </Form.Item>
      <Form.Item
        label={commentRequired ? '告知说明' : '告知说明（可选）'}
        name="comment"
        style={{ marginTop: 16 }}
        rules={commentRequired ? [{ required: true, whitespace: true, message: '请填写告知说明' }] : []}
      >
        <Input.TextArea rows={2} maxLength={1000} showCount />
      </Form.Item>
    </FormModal>
  );
}

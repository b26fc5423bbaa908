// The tabs of the service item editor (实施清单 elements, DOMAIN §2.4). They live inside the
// editor's one antd Form; list-valued parts (materials, fees, special procedures, locations, FAQ)
// are Form.Lists.
import { PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Table,
  Typography,
  Upload,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { errorMessage } from '../../api/client.ts';
import { MoveButtons } from '../../app/editing.tsx';
import type { Org } from '../../api/types.ts';
import { OrgTreeSelect } from '../identity/orgs.tsx';
import type { ProcessSummary } from '../processes/api.ts';
import { uploadFile } from './api.ts';
import type { FormDefinition } from './formTypes.ts';
import { isChoice, topFields } from './formTypes.ts';
import type { ItemValues } from './itemForm.ts';
import {
  AUDIENCE_OPTIONS,
  DAY_UNIT_OPTIONS,
  FEE_MODE_OPTIONS,
  MEDIUM_OPTIONS,
  NECESSITY_OPTIONS,
  ORIGINAL_OR_COPY_OPTIONS,
  RESULT_TYPE_OPTIONS,
  SOURCE_OPTIONS,
  type useTaxonomy,
} from './shared.tsx';

const req = (message: string) => [{ required: true, whitespace: true, message }];

/** One entry of a Form.List shown as a card titled by its name, with its move/delete buttons. */
function ListCard({
  name,
  title = name,
  index,
  count,
  onMove,
  onRemove,
  children,
}: {
  name: string;
  title?: string;
  index: number;
  count: number;
  onMove?: (d: -1 | 1) => void;
  onRemove: () => void;
  children: ReactNode;
}) {
  return (
    <Card
      size="small"
      style={{ marginBottom: 8 }}
      title={title}
      extra={<MoveButtons name={name} index={index} count={count} onMove={onMove} onRemove={onRemove} />}
    >
      {children}
    </Card>
  );
}

function AddButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <Button type="dashed" icon={<PlusOutlined />} onClick={onClick}>
      {children}
    </Button>
  );
}

export function BasicTab({
  taxonomy,
  orgs,
  orgsLoading,
}: {
  taxonomy: ReturnType<typeof useTaxonomy>;
  orgs: Org[] | undefined;
  orgsLoading: boolean;
}) {
  const audience = (Form.useWatch('audience') as string[] | undefined) ?? [];
  const fits = (a?: string[]) => audience.length === 0 || !a || a.some((x) => audience.includes(x));
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Form.Item
            label="事项名称"
            name="name"
            rules={[...req('请填写事项名称'), { max: 200, message: '不超过 200 个字' }]}
          >
            <Input placeholder="如：食品经营许可（新办）" />
          </Form.Item>
        </Col>
        <Col xs={24} lg={6}>
          <Form.Item label="事项类型" name="itemType" rules={[{ required: true, message: '请选择事项类型' }]}>
            <Select
              options={taxonomy.itemTypes.map((x) => ({ value: x.code, label: `${x.code} ${x.name}` }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} lg={6}>
          <Form.Item label="实施主体" name="orgId" rules={[{ required: true, message: '请选择实施主体' }]}>
            <OrgTreeSelect orgs={orgs} loading={orgsLoading} allowClear={false} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            label="基本编码"
            name="basicCode"
            rules={req('请填写基本编码')}
            extra="1–20 位字母、数字或连字符"
          >
            <Input maxLength={20} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            label="实施编码"
            name="implementationCode"
            rules={req('请填写实施编码')}
            extra="1–36 位，办事大厅公开的事项编码"
          >
            <Input maxLength={36} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="业务办理项编码" name="handleCode" extra="可不填；1–50 位">
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="服务对象" name="audience">
            <Checkbox.Group options={AUDIENCE_OPTIONS} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="主题分类" name="themes">
            <Select
              mode="multiple"
              allowClear
              placeholder="选择主题"
              optionFilterProp="label"
              options={taxonomy.themes
                .filter((x) => fits(x.audience))
                .map((x) => ({ value: x.code, label: x.name }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="人生事件 / 企业事件" name="lifeEvents">
            <Select
              mode="multiple"
              allowClear
              placeholder="选择事件"
              optionFilterProp="label"
              options={taxonomy.lifeEvents
                .filter((x) => fits(x.audience))
                .map((x) => ({ value: x.code, label: x.name }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="设定依据" name="legalBasis" extra="法律、法规、规章的名称和条款">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
      </Form.Item>
      <Form.Item label="受理条件" name="acceptanceConditions">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
      </Form.Item>
      <Form.Item label="数量限制" name="quantityLimit" extra="无数量限制的可不填">
        <Input />
      </Form.Item>
    </>
  );
}

/** A blank form or sample file of a material: upload (type and size checked by the server), or remove. */
function FileField({
  id,
  value,
  onChange,
  what,
}: {
  id?: string;
  value?: string | null;
  onChange?: (v: string | null) => void;
  what: string;
}) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [name, setName] = useState<string | null>(null);
  return (
    <Flex gap={8} align="center" wrap>
      {value ? (
        <>
          <Typography.Text>
            <PaperClipOutlined /> {name ?? `已上传${what}`}
          </Typography.Text>
          <Button size="small" onClick={() => onChange?.(null)}>
            移除
          </Button>
        </>
      ) : (
        <Typography.Text type="secondary">未上传</Typography.Text>
      )}
      <Upload
        showUploadList={false}
        maxCount={1}
        customRequest={async ({ file, onSuccess, onError }) => {
          setBusy(true);
          try {
            const stored = await uploadFile(file as File);
            setName((file as File).name);
            onChange?.(stored.id);
            onSuccess?.(stored);
          } catch (e) {
            message.error(`${what}上传失败：${errorMessage(e)}`);
            onError?.(e as Error);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Button id={id} size="small" icon={<UploadOutlined />} loading={busy}>
          {value ? '替换' : `上传${what}`}
        </Button>
      </Upload>
    </Flex>
  );
}

export function MaterialsTab() {
  return (
    <Form.List name="materials">
      {(fields, { add, remove, move }) => (
        <>
          <Typography.Paragraph type="secondary">
            申请人须提交的全部材料（行政许可法第三十条：公示全部材料目录）。“容缺后补”的材料可在受理后补交。展开一行可填写来源说明、填报须知、依据和受理标准。
          </Typography.Paragraph>
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={fields}
            scroll={{ x: 900 }}
            expandable={{
              expandedRowRender: (f) => (
                <Row gutter={12}>
                  <Col xs={24} md={12}>
                    <Form.Item label="来源说明" name={[f.name, 'sourceNote']}>
                      <Input maxLength={200} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item label="要求提供材料的依据" name={[f.name, 'basis']}>
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item label="填报须知" name={[f.name, 'note']}>
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item label="受理标准" name={[f.name, 'acceptanceStandard']}>
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item label="空白表格" name={[f.name, 'blankFileId']}>
                      <FileField what="空白表格" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item label="示例样表" name={[f.name, 'sampleFileId']}>
                      <FileField what="示例样表" />
                    </Form.Item>
                  </Col>
                </Row>
              ),
              expandIcon: ({ expanded, onExpand, record }) => (
                <Button size="small" aria-expanded={expanded} onClick={(e) => onExpand(record, e)}>
                  {expanded ? '收起' : '更多'}
                </Button>
              ),
            }}
            columns={[
              { title: '序号', key: 'no', width: 52, render: (_, f, i) => <span key={f.key}>{i + 1}</span> },
              {
                title: '材料名称',
                key: 'name',
                render: (_, f, i) => (
                  <Form.Item name={[f.name, 'name']} style={{ margin: 0 }} rules={req('请填写材料名称')}>
                    <Input aria-label={`第 ${i + 1} 项材料的名称`} maxLength={200} />
                  </Form.Item>
                ),
              },
              {
                title: '必要性',
                key: 'necessity',
                width: 112,
                render: (_, f, i) => (
                  <Form.Item name={[f.name, 'necessity']} style={{ margin: 0 }}>
                    <Select aria-label={`第 ${i + 1} 项材料的必要性`} options={NECESSITY_OPTIONS} />
                  </Form.Item>
                ),
              },
              {
                title: '原件/复印件',
                key: 'originalOrCopy',
                width: 128,
                render: (_, f, i) => (
                  <Form.Item name={[f.name, 'originalOrCopy']} style={{ margin: 0 }}>
                    <Select aria-label={`第 ${i + 1} 项材料的类型`} options={ORIGINAL_OR_COPY_OPTIONS} />
                  </Form.Item>
                ),
              },
              {
                title: '形式',
                key: 'medium',
                width: 120,
                render: (_, f, i) => (
                  <Form.Item name={[f.name, 'medium']} style={{ margin: 0 }}>
                    <Select aria-label={`第 ${i + 1} 项材料的形式`} options={MEDIUM_OPTIONS} />
                  </Form.Item>
                ),
              },
              {
                title: '纸质份数',
                key: 'copies',
                width: 88,
                render: (_, f, i) => (
                  <Form.Item name={[f.name, 'copies']} style={{ margin: 0 }}>
                    <InputNumber
                      aria-label={`第 ${i + 1} 项材料的纸质份数`}
                      min={0}
                      max={99}
                      precision={0}
                      style={{ width: 72 }}
                    />
                  </Form.Item>
                ),
              },
              {
                title: '来源渠道',
                key: 'source',
                width: 136,
                render: (_, f, i) => (
                  <Form.Item name={[f.name, 'source']} style={{ margin: 0 }}>
                    <Select aria-label={`第 ${i + 1} 项材料的来源渠道`} options={SOURCE_OPTIONS} />
                  </Form.Item>
                ),
              },
              {
                title: '操作',
                key: 'ops',
                width: 112,
                render: (_, f, i) => (
                  <MoveButtons
                    name={`第 ${i + 1} 项材料`}
                    index={i}
                    count={fields.length}
                    onMove={(d) => move(i, i + d)}
                    onRemove={() => remove(f.name)}
                  />
                ),
              },
            ]}
            locale={{ emptyText: <Empty description="还没有申请材料" /> }}
          />
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            style={{ marginTop: 8 }}
            onClick={() =>
              add({
                name: '',
                necessity: 'required',
                originalOrCopy: 'original',
                medium: 'both',
                copies: 1,
                source: 'applicant',
              })
            }
          >
            添加材料
          </Button>
        </>
      )}
    </Form.List>
  );
}

export function FeesTab({ formDef }: { formDef: FormDefinition }) {
  const fields = topFields(formDef);
  const numberFields = fields.filter((f) => f.type === 'number' && f.key);
  const choiceFields = fields.filter((f) => isChoice(f.type) && f.key);
  const fees = (Form.useWatch('fees') as ItemValues['fees'] | undefined) ?? [];
  return (
    <Form.List name="fees">
      {(items, { add, remove }) => (
        <>
          <Typography.Paragraph type="secondary">
            收费项目按“一单式收费”计算应缴金额：不收费、固定金额，或按申请表中一个数字字段的数量计费。可设收费条件（申请表某个选择字段取特定值时才收取）。没有收费项目即为不收费事项。
          </Typography.Paragraph>
          {items.map((f, i) => {
            const mode = fees[i]?.mode ?? 'free';
            const whenField = choiceFields.find((c) => c.key === fees[i]?.whenField);
            return (
              <ListCard
                key={f.key}
                title={`收费项目 ${i + 1}${fees[i]?.name ? `：${fees[i]?.name}` : ''}`}
                name={`收费项目 ${i + 1}`}
                index={i}
                count={items.length}
                onRemove={() => remove(f.name)}
              >
                <Row gutter={12}>
                  <Col xs={24} md={8}>
                    <Form.Item label="收费项目名称" name={[f.name, 'name']} rules={req('请填写收费项目名称')}>
                      <Input maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={16}>
                    <Form.Item label="收费标准" name={[f.name, 'standard']} rules={req('请填写收费标准')}>
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
                    </Form.Item>
                  </Col>
                  <Col span={24}>
                    <Form.Item label="收费依据" name={[f.name, 'basis']} rules={req('请填写收费依据')}>
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item label="计费方式" name={[f.name, 'mode']}>
                      <Radio.Group optionType="button" options={FEE_MODE_OPTIONS} />
                    </Form.Item>
                  </Col>
                  {mode === 'fixed' ? (
                    <Col xs={24} md={8}>
                      <Form.Item
                        label="金额（元）"
                        name={[f.name, 'amountYuan']}
                        rules={[{ required: true, message: '请填写金额' }]}
                      >
                        <InputNumber min={0.01} precision={2} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                  ) : null}
                  {mode === 'per_unit' ? (
                    <>
                      <Col xs={24} md={5}>
                        <Form.Item
                          label="单价（元）"
                          name={[f.name, 'unitYuan']}
                          rules={[{ required: true, message: '请填写单价' }]}
                        >
                          <InputNumber min={0.01} precision={2} style={{ width: '100%' }} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={6}>
                        <Form.Item
                          label="数量取自表单字段"
                          name={[f.name, 'quantityField']}
                          rules={[{ required: true, message: '请选择数量字段' }]}
                          extra={
                            numberFields.length === 0
                              ? '申请表单中还没有数字字段'
                              : '须为整数、设有最大值的数字字段'
                          }
                        >
                          <Select
                            options={numberFields.map((x) => ({ value: x.key, label: x.label || x.key }))}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={5}>
                        <Form.Item label="计量单位" name={[f.name, 'unitName']} rules={req('请填写计量单位')}>
                          <Input maxLength={10} placeholder="如 份" />
                        </Form.Item>
                      </Col>
                    </>
                  ) : null}
                </Row>
                <Row gutter={12}>
                  <Col xs={24} md={8}>
                    <Form.Item
                      name={[f.name, 'reducible']}
                      valuePropName="checked"
                      style={{ marginBottom: 8 }}
                    >
                      <Checkbox>允许减免</Checkbox>
                    </Form.Item>
                  </Col>
                  {fees[i]?.reducible ? (
                    <Col xs={24} md={16}>
                      <Form.Item label="减免依据" name={[f.name, 'reductionBasis']}>
                        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
                      </Form.Item>
                    </Col>
                  ) : null}
                </Row>
                <Row gutter={12}>
                  <Col xs={24} md={10}>
                    <Form.Item
                      label="收费条件：当表单字段"
                      name={[f.name, 'whenField']}
                      extra="不选则始终收取"
                    >
                      <Select
                        allowClear
                        placeholder="始终收取"
                        options={choiceFields.map((x) => ({ value: x.key, label: x.label || x.key }))}
                      />
                    </Form.Item>
                  </Col>
                  {whenField ? (
                    <Col xs={24} md={14}>
                      <Form.Item label="取值为（任一）" name={[f.name, 'whenEquals']}>
                        <Select
                          mode="multiple"
                          options={(whenField.options ?? []).map((o) => ({
                            value: o.value,
                            label: o.label || o.value,
                          }))}
                        />
                      </Form.Item>
                    </Col>
                  ) : null}
                </Row>
              </ListCard>
            );
          })}
          <AddButton onClick={() => add({ name: '', standard: '', basis: '', mode: 'fixed' })}>
            添加收费项目
          </AddButton>
        </>
      )}
    </Form.List>
  );
}

function LimitRow({ prefix, title }: { prefix: 'legal' | 'promised'; title: string }) {
  return (
    <Card size="small" title={title} style={{ marginBottom: 12 }}>
      <Row gutter={12}>
        <Col xs={12} md={6}>
          <Form.Item label="天数" name={`${prefix}LimitDays`}>
            <InputNumber min={0} max={3650} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item label="单位" name={`${prefix}LimitUnit`}>
            <Radio.Group options={DAY_UNIT_OPTIONS} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="说明" name={`${prefix}LimitNote`}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}

export function LimitsTab() {
  const promised = Form.useWatch('promisedLimitDays') as number | null | undefined;
  return (
    <>
      <Typography.Paragraph type="secondary">
        法定办结时限以法律规定为准（行政许可法第四十二条：一般 20
        个工作日）；承诺办结时限不得超过法定时限。承诺时限为 0 的为“即办件”。
        {promised === 0 ? ' 当前为即办件。' : ''}
      </Typography.Paragraph>
      <LimitRow prefix="legal" title="法定办结时限" />
      <LimitRow prefix="promised" title="承诺办结时限" />
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        特别程序
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        听证、检验、检测、专家评审等特别程序所需时间依法不计算在办结时限内（第四十五条），须书面告知申请人。
      </Typography.Paragraph>
      <Form.List name="specialProcedures">
        {(items, { add, remove }) => (
          <>
            {items.map((f, i) => (
              <ListCard
                key={f.key}
                name={`特别程序 ${i + 1}`}
                index={i}
                count={items.length}
                onRemove={() => remove(f.name)}
              >
                <Row gutter={12}>
                  <Col xs={24} md={8}>
                    <Form.Item label="名称" name={[f.name, 'name']} rules={req('请填写特别程序名称')}>
                      <Input maxLength={100} placeholder="如 现场核查、专家评审" />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={4}>
                    <Form.Item
                      label="所需天数"
                      name={[f.name, 'days']}
                      rules={[{ required: true, message: '请填写天数' }]}
                    >
                      <InputNumber min={0} max={3650} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item label="单位" name={[f.name, 'unit']}>
                      <Radio.Group options={DAY_UNIT_OPTIONS} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={6}>
                    <Form.Item name={[f.name, 'counted']} valuePropName="checked" label="时限计算">
                      <Checkbox>计入办结时限</Checkbox>
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item label="依据" name={[f.name, 'basis']}>
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item label="说明" name={[f.name, 'note']}>
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
                    </Form.Item>
                  </Col>
                </Row>
              </ListCard>
            ))}
            <AddButton onClick={() => add({ name: '', days: 5, unit: 'working', counted: false })}>
              添加特别程序
            </AddButton>
          </>
        )}
      </Form.List>
    </>
  );
}

export function HandlingTab({
  taxonomy,
  processes,
  processesLoading,
}: {
  taxonomy: ReturnType<typeof useTaxonomy>;
  processes: ProcessSummary[] | undefined;
  processesLoading: boolean;
}) {
  const depth = Form.useWatch('onlineDepth') as number | undefined;
  const visits = Form.useWatch('visitsRequired') as number | undefined;
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            label="办理流程"
            name="processCode"
            extra="申请提交后按此流程的已发布版本流转（在“流程定制”中编辑）"
          >
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={processesLoading}
              placeholder="选择流程"
              options={(processes ?? []).map((p) => ({
                value: p.code,
                label: `${p.name}（${p.code}）${p.publishedVersion ? '' : ' · 未发布'}`,
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="网上办理深度" name="onlineDepth">
            <Select options={taxonomy.onlineDepths.map((d) => ({ value: d.level, label: d.name }))} />
          </Form.Item>
          {depth ? (
            <Typography.Paragraph type="secondary" style={{ marginTop: -16, fontSize: 12 }}>
              {taxonomy.onlineDepths.find((d) => d.level === depth)?.description}
            </Typography.Paragraph>
          ) : null}
        </Col>
      </Row>
      <Form.Item
        label="办理流程说明"
        name="processDescription"
        extra="申请、受理、审查、决定、送达各环节的说明（办事指南公开）"
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={6}>
          <Form.Item label="到办事现场次数" name="visitsRequired">
            <InputNumber min={0} max={10} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={18}>
          <Form.Item
            label="必须到现场办理的原因"
            name="visitsExplanation"
            extra={visits ? '需要到现场的，须说明原因' : undefined}
          >
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
          </Form.Item>
        </Col>
      </Row>
      <Card size="small" title="审批结果" style={{ marginBottom: 16 }}>
        <Row gutter={12}>
          <Col xs={24} md={6}>
            <Form.Item label="结果类型" name="resultType">
              <Select options={RESULT_TYPE_OPTIONS} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="结果名称" name="resultName">
              <Input maxLength={100} placeholder="如 食品经营许可证" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item label="有效期（年）" name="resultValidityYears" extra="长期有效的不填">
              <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        办理地点和时间
      </Typography.Title>
      <Form.List name="locations">
        {(items, { add, remove }) => (
          <>
            {items.map((f, i) => (
              <ListCard
                key={f.key}
                name={`办理地点 ${i + 1}`}
                index={i}
                count={items.length}
                onRemove={() => remove(f.name)}
              >
                <Row gutter={12}>
                  <Col xs={24} md={8}>
                    <Form.Item label="名称" name={[f.name, 'name']} rules={req('请填写办理地点名称')}>
                      <Input maxLength={100} placeholder="如 市民服务中心 3 号窗口" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={16}>
                    <Form.Item label="地址" name={[f.name, 'address']} rules={req('请填写办理地址')}>
                      <Input maxLength={200} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item label="办理时间" name={[f.name, 'hours']} rules={req('请填写办理时间')}>
                      <Input.TextArea
                        autoSize={{ minRows: 1, maxRows: 3 }}
                        maxLength={200}
                        placeholder="工作日 9:00–12:00，13:30–17:00"
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={6}>
                    <Form.Item label="电话" name={[f.name, 'phone']}>
                      <Input maxLength={20} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={6}>
                    <Form.Item label="交通指引" name={[f.name, 'transport']}>
                      <Input maxLength={200} />
                    </Form.Item>
                  </Col>
                </Row>
              </ListCard>
            ))}
            <AddButton onClick={() => add({ name: '', address: '', hours: '' })}>添加办理地点</AddButton>
          </>
        )}
      </Form.List>
    </>
  );
}

function ContactCard({ name, title }: { name: 'consultation' | 'complaint'; title: string }) {
  return (
    <Card size="small" title={title} style={{ marginBottom: 12 }}>
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item label="电话" name={[name, 'phone']}>
            <Input maxLength={20} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="网址" name={[name, 'url']}>
            <Input maxLength={300} placeholder="https://" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="电子邮箱" name={[name, 'email']}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="地址" name={[name, 'address']}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="说明" name={[name, 'note']}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}

function RemedyCard({
  name,
  title,
  bodyLabel,
}: {
  name: 'reconsideration' | 'litigation';
  title: string;
  bodyLabel: string;
}) {
  return (
    <Card size="small" title={title} style={{ marginBottom: 12 }}>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item label={bodyLabel} name={[name, 'body']}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="地址" name={[name, 'address']}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="电话" name={[name, 'phone']}>
            <Input maxLength={20} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="网址" name={[name, 'url']}>
            <Input maxLength={300} placeholder="https://" />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}

export function ContactsTab() {
  return (
    <>
      <ContactCard name="consultation" title="咨询方式" />
      <ContactCard name="complaint" title="监督投诉方式" />
      <Typography.Paragraph type="secondary">
        行政权力事项须告知申请人依法申请行政复议或者提起行政诉讼的权利（行政许可法第三十八条）。不填机关名称则不公示该项。
      </Typography.Paragraph>
      <RemedyCard name="reconsideration" title="行政复议" bodyLabel="复议机关" />
      <RemedyCard name="litigation" title="行政诉讼" bodyLabel="人民法院" />
    </>
  );
}

export function FaqTab() {
  return (
    <Form.List name="faq">
      {(items, { add, remove, move }) => (
        <>
          {items.map((f, i) => (
            <ListCard
              key={f.key}
              name={`问题 ${i + 1}`}
              index={i}
              count={items.length}
              onMove={(d) => move(i, i + d)}
              onRemove={() => remove(f.name)}
            >
              <Form.Item label="问题" name={[f.name, 'question']} rules={req('请填写问题')}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={200} />
              </Form.Item>
              <Form.Item label="解答" name={[f.name, 'answer']} rules={req('请填写解答')}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} />
              </Form.Item>
            </ListCard>
          ))}
          <AddButton onClick={() => add({ question: '', answer: '' })}>添加问题</AddButton>
        </>
      )}
    </Form.List>
  );
}

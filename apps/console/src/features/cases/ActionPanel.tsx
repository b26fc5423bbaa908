// The action panel of a case: for each open task the user may act on, one button per action of the
// step, a comment box, and the dialogs some actions need (一次性告知 list, return target, transfer
// target). Decisions are confirmed first; the server's Chinese error is shown in place. A case type
// may register its own dialog for an action (registerActionDialog) and a panel for the case page
// (registerCasePanel); those take precedence over the generic ones.
import { Alert, App, Button, Card, Flex, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { type ComponentType, Suspense, useState } from 'react';
import { ApiError, errorMessage } from '../../api/client.ts';
import { useAuth, useUser } from '../../app/auth.tsx';
import { FormModal } from '../../app/FormModal.tsx';
import { ErrorAlert, formatDateTime, ToneTag } from '../../app/ui.tsx';
import { ActorSelect } from '../audit/ActorSelect.tsx';
import { OrgTreeSelect, useOrgList } from '../identity/orgs.tsx';
import { type OpenTask, type ServiceMaterial, type TaskAction, tasksApi } from './api.ts';
import { type CorrectionItem, CorrectionDialog } from './CorrectionDialog.tsx';
import { DeadlineCell, useRemaining } from './deadline.tsx';

const CORRECTION_KEY = 'request-correction';

/** What a case type's own dialog for one of its actions is given; it sends through `onSubmit`. */
export interface ActionDialogProps {
  caseId: string;
  action: TaskAction;
  initialComment: string;
  saving: boolean;
  error: unknown;
  onSubmit: (body: { comment?: string; data?: Record<string, unknown> }) => void;
  onCancel: () => void;
}

const actionDialogs = new Map<string, ComponentType<ActionDialogProps>>();

/** A case type's dialog for one of its actions (e.g. the disclosure reply with its outcome code). */
export function registerActionDialog(
  caseType: string,
  actionKey: string,
  dialog: ComponentType<ActionDialogProps>,
): void {
  actionDialogs.set(`${caseType}:${actionKey}`, dialog);
}

const casePanels = new Map<string, ComponentType<{ caseId: string; refId: string | null }>>();

/** A case type's panel on the case page (e.g. the disclosure request with its reply letter). */
export function registerCasePanel(
  caseType: string,
  panel: ComponentType<{ caseId: string; refId: string | null }>,
): void {
  casePanels.set(caseType, panel);
}

export function casePanelOf(
  caseType: string,
): ComponentType<{ caseId: string; refId: string | null }> | undefined {
  return casePanels.get(caseType);
}

/** Actions whose effect ends or decides the case: asked to confirm before they are sent. */
const DECISION_WORDS = /准予|不予|批准|许可|办结|同意|驳回|否决|决定|不受理|受理/;

function actionTone(a: TaskAction): 'primary' | 'danger' | 'default' {
  if (a.kind === 'return' || a.kind === 'transfer') return 'default';
  if (/^(reject|deny|disagree)/.test(a.key) || /不予|驳回|不同意|否决/.test(a.label)) return 'danger';
  return 'primary';
}

interface Pending {
  task: OpenTask;
  action: TaskAction;
}

export function ActionPanel({
  tasks,
  materials,
  onDone,
  caseType,
  caseId,
}: {
  tasks: OpenTask[];
  /** The item's materials, for the correction list (empty when the case has none). */
  materials: ServiceMaterial[];
  onDone: () => void;
  /** The case's type and id, for the dialogs a case type registers. */
  caseType?: string;
  caseId?: string;
}) {
  const mine = tasks.filter((t) => t.mayAct);
  const remaining = useRemaining(mine.map((t) => t.dueDate));
  if (mine.length === 0) return null;
  return (
    <Flex vertical gap={16}>
      {mine.map((t) => (
        <TaskCard
          key={t.id}
          task={t}
          materials={materials}
          remaining={remaining(t.dueDate)}
          onDone={onDone}
          caseType={caseType}
          caseId={caseId}
        />
      ))}
    </Flex>
  );
}

function TaskCard({
  task,
  materials,
  remaining,
  onDone,
  caseType,
  caseId,
}: {
  task: OpenTask;
  materials: ServiceMaterial[];
  remaining: string | null;
  onDone: () => void;
  caseType?: string;
  caseId?: string;
}) {
  const { message, modal } = App.useApp();
  const user = useUser();
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Pending | null>(null);
  const [dialogError, setDialogError] = useState<unknown>(null);
  const commentId = `comment-${task.id}`;
  const ownDialog = (a: TaskAction) => (caseType ? actionDialogs.get(`${caseType}:${a.key}`) : undefined);
  const Custom = dialog ? ownDialog(dialog.action) : undefined;
  const needsComment = task.actions.some((a) => a.commentRequired);

  const send = async (
    action: TaskAction,
    body: { comment?: string; data?: Record<string, unknown> },
    inDialog: boolean,
  ) => {
    setBusy(action.key);
    setError(null);
    setDialogError(null);
    try {
      await tasksApi.act(task.id, {
        action: action.key,
        ...(body.comment ? { comment: body.comment } : {}),
        ...(body.data ? { data: body.data } : {}),
      });
      message.success(`已${action.label}`);
      setDialog(null);
      setComment('');
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'COMMENT_REQUIRED' && !inDialog) setCommentError(e.message);
      if (inDialog) setDialogError(e);
      else setError(e);
      if (e instanceof ApiError && (e.code === 'TASK_ALREADY_HANDLED' || e.code === 'TASK_NOT_FOUND')) {
        message.warning(errorMessage(e));
        onDone();
      }
    } finally {
      setBusy(null);
    }
  };

  const claim = async () => {
    setBusy('claim');
    setError(null);
    try {
      await tasksApi.claim(task.id);
      message.success('已签收');
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const click = (action: TaskAction) => {
    const text = comment.trim();
    if (
      ownDialog(action) ||
      action.key === CORRECTION_KEY ||
      action.kind === 'return' ||
      action.kind === 'transfer'
    ) {
      setDialogError(null);
      setDialog({ task, action });
      return;
    }
    if (action.commentRequired && !text) {
      setCommentError(`“${action.label}”须填写办理意见`);
      document.getElementById(commentId)?.focus();
      return;
    }
    setCommentError(null);
    const decision = DECISION_WORDS.test(action.label) || actionTone(action) === 'danger';
    if (!decision) {
      void send(action, { comment: text }, false);
      return;
    }
    modal.confirm({
      title: `确认${action.label}？`,
      content: (
        <>
          <p style={{ margin: 0 }}>该操作提交后不可撤销，办件将进入下一环节。</p>
          {text ? <p style={{ margin: '8px 0 0', whiteSpace: 'pre-wrap' }}>办理意见：{text}</p> : null}
        </>
      ),
      okText: `确认${action.label}`,
      cancelText: '取消',
      okButtonProps: { danger: actionTone(action) === 'danger' },
      onOk: () => send(action, { comment: text }, false),
    });
  };

  const claimedByOther = !!task.claimedBy && task.claimedBy !== user.id;

  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center" wrap>
          <span>当前环节：{task.stepName}</span>
          {task.claimedBy ? (
            <ToneTag tone={claimedByOther ? 'gray' : 'blue'}>
              {claimedByOther ? `${task.claimedByName ?? '他人'}已签收` : '我已签收'}
            </ToneTag>
          ) : null}
        </Flex>
      }
      extra={
        task.dueDate ? (
          <DeadlineCell due={task.dueDate} level={task.level} remaining={remaining} />
        ) : (
          <Typography.Text type="secondary">本环节无单独时限</Typography.Text>
        )
      }
      aria-label={`办理：${task.stepName}`}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        任务到达于 {formatDateTime(task.openedAt)}
      </Typography.Paragraph>
      {claimedByOther ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`此任务已由${task.claimedByName ?? '其他工作人员'}签收，您仍可办理，先提交者生效。`}
        />
      ) : null}
      <ErrorAlert error={error} />
      <Form layout="vertical" onSubmitCapture={(e) => e.preventDefault()}>
        <Form.Item
          label={needsComment ? '办理意见（部分操作必填）' : '办理意见'}
          htmlFor={commentId}
          validateStatus={commentError ? 'error' : undefined}
          help={commentError ?? undefined}
        >
          <Input.TextArea
            id={commentId}
            rows={3}
            maxLength={2000}
            showCount
            value={comment}
            onChange={(e) => {
              setComment(e.target.value);
              if (commentError) setCommentError(null);
            }}
            placeholder="填写审查意见、理由或说明"
          />
        </Form.Item>
      </Form>
      <Space wrap>
        {task.actions.map((a) => {
          const tone = actionTone(a);
          return (
            <Button
              key={a.key}
              type={tone === 'default' ? 'default' : 'primary'}
              danger={tone === 'danger'}
              loading={busy === a.key}
              disabled={busy !== null && busy !== a.key}
              onClick={() => click(a)}
            >
              {a.label}
            </Button>
          );
        })}
        {!task.claimedBy ? (
          <Button
            loading={busy === 'claim'}
            disabled={busy !== null && busy !== 'claim'}
            onClick={() => void claim()}
          >
            签收
          </Button>
        ) : null}
      </Space>
      {dialog && Custom ? (
        <Suspense fallback={null}>
          <Custom
            caseId={caseId ?? ''}
            action={dialog.action}
            initialComment={comment.trim()}
            saving={busy === dialog.action.key}
            error={dialogError}
            onCancel={() => setDialog(null)}
            onSubmit={(body) => void send(dialog.action, body, true)}
          />
        </Suspense>
      ) : null}
      {dialog && !Custom && dialog.action.key === CORRECTION_KEY ? (
        <CorrectionDialog
          open
          title={`${dialog.action.label}：一次性告知需补正的材料`}
          commentRequired={dialog.action.commentRequired}
          initialComment={comment.trim()}
          materials={materials}
          saving={busy === dialog.action.key}
          error={dialogError}
          onCancel={() => setDialog(null)}
          onSubmit={(items: CorrectionItem[], note) =>
            void send(dialog.action, { comment: note, data: { items } }, true)
          }
        />
      ) : null}
      {dialog && !Custom && dialog.action.kind === 'return' && dialog.action.key !== CORRECTION_KEY ? (
        <ReturnDialog
          action={dialog.action}
          steps={dialog.action.returnTargets}
          initialComment={comment}
          saving={busy === dialog.action.key}
          error={dialogError}
          onCancel={() => setDialog(null)}
          onSubmit={(toStep, text) =>
            void send(dialog.action, { comment: text, data: toStep ? { toStep } : undefined }, true)
          }
        />
      ) : null}
      {dialog && !Custom && dialog.action.kind === 'transfer' && dialog.action.key !== CORRECTION_KEY ? (
        <TransferDialog
          action={dialog.action}
          initialComment={comment}
          saving={busy === dialog.action.key}
          error={dialogError}
          onCancel={() => setDialog(null)}
          onSubmit={(data, text) => void send(dialog.action, { comment: text, data }, true)}
        />
      ) : null}
    </Card>
  );
}

/** The comment of a return or transfer dialog, required where the step's action says so. */
function CommentItem({ label, required }: { label: string; required?: boolean }) {
  return (
    <Form.Item
      label={label}
      name="comment"
      rules={required ? [{ required: true, whitespace: true, message: `请填写${label}` }] : []}
    >
      <Input.TextArea rows={3} maxLength={2000} showCount />
    </Form.Item>
  );
}

/** No names known ahead: the picker searches staff as the user types. */
const NO_NAMES: ReadonlyMap<string, string> = new Map();

function ReturnDialog({
  action,
  steps,
  initialComment,
  saving,
  error,
  onSubmit,
  onCancel,
}: {
  action: TaskAction;
  /** Undefined when the definition fixes where this return goes. */
  steps: { key: string; name: string }[] | undefined;
  initialComment: string;
  saving: boolean;
  error: unknown;
  onSubmit: (toStep: string | null, comment: string) => void;
  onCancel: () => void;
}) {
  const [form] = Form.useForm<{ toStep?: string; comment?: string }>();
  const fixed = steps === undefined;
  return (
    <FormModal<{ toStep?: string; comment?: string }>
      title={action.label}
      open
      form={form}
      okText={`确认${action.label}`}
      saving={saving}
      error={error}
      onCancel={onCancel}
      initialValues={{ comment: initialComment, toStep: steps?.[0]?.key }}
      onFinish={(v) => onSubmit(fixed ? null : (v.toStep ?? null), v.comment?.trim() ?? '')}
    >
      {fixed ? (
        <Typography.Paragraph>将按流程规定退回到前一办理环节。</Typography.Paragraph>
      ) : (
        <Form.Item
          label="退回到"
          name="toStep"
          rules={[{ required: true, message: '请选择退回的环节' }]}
          extra={steps.length === 0 ? '本办件没有可退回的已办环节' : '只能退回到本办件已经过的环节'}
        >
          <Select options={steps.map((s) => ({ value: s.key, label: s.name }))} placeholder="请选择环节" />
        </Form.Item>
      )}
      <CommentItem label="退回理由" required={action.commentRequired} />
    </FormModal>
  );
}

function TransferDialog({
  action,
  initialComment,
  saving,
  error,
  onSubmit,
  onCancel,
}: {
  action: TaskAction;
  initialComment: string;
  saving: boolean;
  error: unknown;
  onSubmit: (data: { userId: string } | { orgId: string }, comment: string) => void;
  onCancel: () => void;
}) {
  const { can } = useAuth();
  const canPickUser = can('user.read');
  const orgs = useOrgList(can('org.read'));
  type Values = { target: 'org' | 'user'; orgId?: string; userId?: string; comment?: string };
  const [form] = Form.useForm<Values>();
  const target = Form.useWatch('target', form) ?? 'org';
  return (
    <FormModal<Values>
      title={action.label}
      open
      form={form}
      okText={`确认${action.label}`}
      saving={saving}
      error={error}
      onCancel={onCancel}
      initialValues={{ target: 'org', comment: initialComment }}
      onFinish={(v) => {
        const text = v.comment?.trim() ?? '';
        if (v.target === 'user' && v.userId) onSubmit({ userId: v.userId }, text);
        else if (v.orgId) onSubmit({ orgId: v.orgId }, text);
      }}
    >
      {canPickUser ? (
        <Form.Item label="转办给" name="target">
          <Radio.Group
            options={[
              { value: 'org', label: '单位' },
              { value: 'user', label: '工作人员' },
            ]}
          />
        </Form.Item>
      ) : null}
      {target === 'user' && canPickUser ? (
        <Form.Item label="工作人员" name="userId" rules={[{ required: true, message: '请选择工作人员' }]}>
          <ActorSelect knownNames={NO_NAMES} />
        </Form.Item>
      ) : (
        <Form.Item label="承办单位" name="orgId" rules={[{ required: true, message: '请选择承办单位' }]}>
          <OrgTreeSelect orgs={orgs.data} loading={orgs.loading} />
        </Form.Item>
      )}
      <CommentItem label="转办说明" required={action.commentRequired} />
    </FormModal>
  );
}

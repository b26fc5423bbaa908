// Records the engine hands to other modules. Dates are 'YYYY-MM-DD' (Asia/Shanghai), instants ISO strings.
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/pool.ts';
import type { Level } from '../../../../shared/levels.ts';
import type { ActionDef, Limit, StepDef } from './workflow.definition.ts';

export type { Level };

export interface CaseRecord {
  id: string;
  number: string;
  caseType: string;
  processVersionId: string;
  orgId: string;
  orgPath: string;
  subject: string;
  applicantUserId: string | null;
  applicantName: string;
  refType: string | null;
  refId: string | null;
  data: Record<string, unknown>;
  status: 'open' | 'paused' | 'completed' | 'cancelled';
  outcome: string | null;
  receivedOn: string;
  clockStartedOn: string | null;
  legal: Limit | null;
  promised: Limit | null;
  extendedDays: number;
  pausedDays: number;
  legalDeadline: string | null;
  promisedDeadline: string | null;
  warnOn: string | null;
  /** The deadlines depend on a year whose holiday notice is not yet published (provisional calendar). */
  deadlineProvisional: boolean;
  level: Level;
  completedAt: string | null;
  createdAt: string;
  /** Steps with open tasks or waiting for a signal. */
  currentSteps: { key: string; name: string }[];
}

export interface TaskRecord {
  id: string;
  caseId: string;
  stepKey: string;
  stepName: string;
  forkId: string | null;
  assigneeType: 'role' | 'unit' | 'user';
  roleCode: string | null;
  orgId: string | null;
  userId: string | null;
  claimedBy: string | null;
  status: 'open' | 'done' | 'cancelled';
  dueDate: string | null;
  /** The due date depends on a year whose holiday notice is not yet published. */
  deadlineProvisional: boolean;
  level: Level;
  openedAt: string;
}

export interface TimelineEntry {
  seq: number;
  at: string;
  kind: string;
  title: string;
  stepKey: string | null;
  stepName: string | null;
  action: string | null;
  comment: string | null;
  actorName: string | null;
  actorOrgName: string | null;
  data: Record<string, unknown>;
  public: boolean;
}

export interface ActionEvent {
  case: CaseRecord;
  task: TaskRecord;
  action: ActionDef;
  comment: string | null;
  data: Record<string, unknown>;
  actorUserId: string | null;
}

export interface CaseTypeHooks {
  type: string;
  name: string;
  /** Before an action is applied (task still open): validate action data, refuse with AppError, write domain rows. */
  beforeAction?(tx: Tx, ctx: AppContext, a: ActionEvent): Promise<void>;
  /** After the transition (new tasks opened, case row updated). */
  afterAction?(tx: Tx, ctx: AppContext, a: ActionEvent & { enteredSteps: string[] }): Promise<void>;
  /** A wait or task step was entered (e.g. fee.paid wait → issue the payment notice). */
  onStepEntered?(tx: Tx, ctx: AppContext, c: CaseRecord, step: StepDef): Promise<void>;
  /**
   * A member of staff asks for an extension through the generic route (POST /cases/{id}/extensions).
   * Return the error to refuse it with (the case type extends through its own action), or null.
   */
  refuseGenericExtension?(c: CaseRecord): Error | null;
  /** The case reached an end step. */
  onCompleted?(
    tx: Tx,
    ctx: AppContext,
    c: CaseRecord,
    outcome: string,
    actorUserId: string | null,
  ): Promise<void>;
}

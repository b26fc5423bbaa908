// Shapes of the Foundation JSON API (v1), as described in docs/api-foundation.md. Organisations, users
// and roles are the server's views (apps/shared/identity.ts).
import type {
  OrgKind,
  OrgView,
  RoleAssignment,
  RoleView,
  Scope,
  UserKind,
  UserView,
} from '../../../shared/identity.ts';

export type {
  AdminClass,
  OrgKind,
  RoleAssignment,
  Scope,
  UserKind,
} from '../../../shared/identity.ts';

export interface ErrorDetail {
  field: string;
  message: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Items<T> {
  items: T[];
}

export interface SessionUser {
  id: string;
  username: string;
  kind: UserKind;
  displayName: string;
  orgId: string | null;
  orgName: string | null;
  permissions: string[];
  roles: RoleAssignment[];
  mustChangePassword: boolean;
  totpEnabled: boolean;
  totpSetupRequired: boolean;
}

export interface SessionAnswer {
  user: SessionUser;
  csrfToken: string;
}

export interface LoginBody {
  username: string;
  password: string;
  otp?: string;
}

export interface TotpSetup {
  secret: string;
  otpauthUri: string;
  qrDataUrl: string;
}

export type Org = OrgView;

export interface OrgCreate {
  parentId: string;
  kind: OrgKind;
  name: string;
  regionCode?: string;
  creditCode?: string;
  creditCodeNote?: string;
}

export interface OrgPatch {
  name?: string;
  /** null clears the code. */
  creditCode?: string | null;
  creditCodeNote?: string | null;
  sortOrder?: number;
}

export type UserStatus = UserView['status'];

export type UserRow = UserView;

export interface UserCreate {
  username: string;
  displayName: string;
  orgId: string;
  password: string;
  phone?: string;
  email?: string;
}

export interface UserPatch {
  displayName?: string;
  orgId?: string;
  status?: UserStatus;
  /** null clears the value. */
  phone?: string | null;
  email?: string | null;
}

export interface UserQuery {
  orgId?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export interface Permission {
  code: string;
  name: string;
  group: string;
}

export type Role = RoleView;

export interface RoleCreate {
  code: string;
  name: string;
  description?: string;
  permissions: string[];
}

export interface RolePatch {
  name?: string;
  description?: string;
  permissions?: string[];
}

export interface AssignmentCreate {
  roleId: string;
  scope: Scope;
  scopeOrgId?: string;
}

export interface CalendarYearSummary {
  year: number;
  source: string;
  holidays: number;
  workdays: number;
}

export type CalendarDayKind = 'holiday' | 'workday';

export interface CalendarDay {
  date: string;
  kind: CalendarDayKind;
  name: string;
}

export interface CalendarYear {
  year: number;
  source: string;
  days: CalendarDay[];
}

export type AuditResult = 'success' | 'failure';

export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

export interface AuditEntry {
  id: string;
  seq: number;
  occurredAt: string;
  actorId: string | null;
  actorName: string | null;
  actorOrgId: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  result: AuditResult | string;
  summary: string | null;
  changes: FieldChanges | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export interface AuditQuery {
  actorId?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  result?: string;
  from?: string;
  to?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export type AuditVerify =
  | { ok: true; checked: number }
  | { ok: false; checked: number; firstBrokenId: string; firstBrokenSeq: number };

export interface InboxMessage {
  id: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface InboxPage extends Page<InboxMessage> {
  unread: number;
}

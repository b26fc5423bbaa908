// Organisations, users and roles as the identity API answers them (docs/api-foundation.md). Personal
// data is never in these shapes unmasked.

export type UserKind = 'staff' | 'citizen' | 'enterprise';
/** The three administrators kept apart (三员分立): system, security and audit. */
export type AdminClass = 'system' | 'security' | 'audit';
/** How far a role assignment reaches: the whole platform, an organisation's subtree, or one's own. */
export type Scope = 'platform' | 'org' | 'own';
export type OrgKind = 'region' | 'department' | 'unit';

export interface RoleAssignment {
  assignmentId: string;
  roleId: string;
  code: string;
  name: string;
  adminClass: AdminClass | null;
  scope: Scope;
  scopeOrgId: string | null;
  scopeOrgName: string | null;
}

export interface OrgView {
  id: string;
  name: string;
  kind: OrgKind;
  parentId: string | null;
  regionCode?: string;
  creditCode?: string;
  creditCodeNote?: string;
  depth: number;
  sortOrder: number;
}

export interface UserView {
  id: string;
  username: string;
  kind: UserKind;
  displayName: string;
  orgId: string | null;
  orgName: string | null;
  status: 'active' | 'disabled';
  locked: boolean;
  lockedUntil: string | null;
  phoneMasked: string | null;
  email: string | null;
  totpEnabled: boolean;
  mustChangePassword: boolean;
  roles: RoleAssignment[];
  lastLoginAt: string | null;
  createdAt: string;
}

export interface RoleView {
  id: string;
  code: string;
  name: string;
  description: string;
  permissions: string[];
  adminClass: AdminClass | null;
  builtin: boolean;
}

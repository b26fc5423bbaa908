-- Identity, second step: TOTP replay protection, one assignment per (user, role, scope) even for the
-- platform scope, and the four built-in roles of 三员分立 plus ordinary staff.

-- RFC 6238 §5.2: a one-time password is accepted once. The last accepted 30-second step is kept so a
-- code seen by a shoulder-surfer or a proxy cannot be replayed within its validity window.
ALTER TABLE idn_user ADD COLUMN totp_last_step bigint;

-- The table's UNIQUE treats NULL scope_org_id values as distinct, so two identical platform-scope
-- assignments would be allowed; this index closes that gap.
CREATE UNIQUE INDEX idn_role_assignment_unique_idx
  ON idn_role_assignment (user_id, role_id, scope, coalesce(scope_org_id, '00000000-0000-0000-0000-000000000000'::uuid));

-- Ids are fixed so code and tests can refer to them (identity.permissions.ts BUILTIN_ROLES). The
-- security and audit administrators also read organisations and users: the one to find the accounts
-- it unlocks and grants roles to, the other to filter the audit log by person and department.
INSERT INTO idn_role (id, code, name, description, permissions, admin_class, builtin) VALUES
  ('01900000-0000-7000-8000-000000000001', 'sysadmin', '系统管理员',
   '维护组织机构、用户账号和工作日历；不能分配角色，不能查阅审计日志',
   ARRAY['org.read', 'org.manage', 'user.read', 'user.manage', 'calendar.manage'], 'system', true),
  ('01900000-0000-7000-8000-000000000002', 'secadmin', '安全管理员',
   '管理角色与授权，解锁账号，重置双因素认证',
   ARRAY['user.unlock', 'role.read', 'role.assign', 'role.manage', 'org.read', 'user.read'], 'security', true),
  ('01900000-0000-7000-8000-000000000003', 'auditadmin', '审计管理员',
   '查阅和校验审计日志',
   ARRAY['audit.read', 'audit.verify', 'org.read', 'user.read'], 'audit', true),
  ('01900000-0000-7000-8000-000000000004', 'staff', '工作人员',
   '日常办公：查看本单位组织机构和站内消息',
   ARRAY['org.read', 'inbox.read'], NULL, true)
ON CONFLICT (code) DO NOTHING;

-- Built-in business roles for case handling and electronic supervision. Process definitions name
-- these role codes at each step (the window officer accepts, the reviewer reviews, the approver
-- decides). Ids are fixed (identity.permissions.ts BUILTIN_ROLES); none is an administrator class.
INSERT INTO idn_role (id, code, name, description, permissions, admin_class, builtin) VALUES
  ('01900000-0000-7000-8000-000000000011', 'window', '窗口工作人员',
   '受理申请、一次性告知补正、登记缴费、办理分配到本窗口的待办',
   ARRAY['org.read', 'inbox.read', 'file.read', 'case.read', 'task.handle', 'fee.record'], NULL, true),
  ('01900000-0000-7000-8000-000000000012', 'reviewer', '审查人员',
   '审查、核查、现场勘验等办理环节',
   ARRAY['org.read', 'inbox.read', 'file.read', 'case.read', 'task.handle'], NULL, true),
  ('01900000-0000-7000-8000-000000000013', 'approver', '审批负责人',
   '作出许可决定，批准延长办理期限，注销电子证照，处理差评整改',
   ARRAY['org.read', 'inbox.read', 'file.read', 'case.read', 'task.handle', 'case.extend.approve',
         'licence.read', 'licence.revoke', 'rating.read'], NULL, true),
  ('01900000-0000-7000-8000-000000000014', 'service_admin', '事项管理员',
   '编制和发布政务服务事项、申请表单和办理流程',
   ARRAY['org.read', 'inbox.read', 'case.read', 'service.manage', 'service.publish', 'process.manage'], NULL, true),
  ('01900000-0000-7000-8000-000000000015', 'supervisor', '电子监察员',
   '监察办件时限和异常，发出督办，查看评价和绩效',
   ARRAY['org.read', 'inbox.read', 'file.read', 'case.read', 'supervision.read', 'supervision.order',
         'rating.read', 'licence.read'], NULL, true)
ON CONFLICT (code) DO NOTHING;

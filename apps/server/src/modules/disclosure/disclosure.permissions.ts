// Permissions of the 政府信息公开 module (held by the disclosure_officer role of migration
// 20261124083000_disclosure.sql; platform roles may be given them too).
import { registerPermissions } from '../identity/index.ts';

registerPermissions([
  {
    code: 'disclosure.catalogue.edit',
    name: '维护政府信息公开指南和公开目录',
    group: '政府信息公开',
    adminClass: null,
  },
  { code: 'disclosure.request.handle', name: '办理依申请公开', group: '政府信息公开', adminClass: null },
  {
    code: 'disclosure.report.edit',
    name: '编制和发布政府信息公开年度报告',
    group: '政府信息公开',
    adminClass: null,
  },
]);

// Permissions of the 好差评 module (the code is used by the built-in roles approver and supervisor).
import { registerPermissions } from '../identity/index.ts';

registerPermissions([{ code: 'rating.read', name: '查看好差评与整改', group: '好差评', adminClass: null }]);

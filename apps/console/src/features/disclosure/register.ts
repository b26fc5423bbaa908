// Registers the 依申请公开 case type's own action dialogs and case panel with the generic case pages.
// Imported once by the router; the components load lazily with the case page.
import { lazy } from 'react';
import { registerActionDialog, registerCasePanel } from '../cases/ActionPanel.tsx';

const CASE_TYPE = 'disclosure';
const dialogs = () => import('./ActionDialogs.tsx');

registerActionDialog(
  CASE_TYPE,
  'reply',
  lazy(async () => ({ default: (await dialogs()).ReplyDialog })),
);
registerActionDialog(
  CASE_TYPE,
  'request-extension',
  lazy(async () => ({ default: (await dialogs()).ExtensionDialog })),
);
registerActionDialog(
  CASE_TYPE,
  'request-correction',
  lazy(async () => ({ default: (await dialogs()).CorrectionDialog })),
);
registerActionDialog(
  CASE_TYPE,
  'charge-fee',
  lazy(async () => ({ default: (await dialogs()).FeeDialog })),
);
registerCasePanel(
  CASE_TYPE,
  lazy(async () => ({ default: (await import('./RequestPanel.tsx')).RequestPanel })),
);

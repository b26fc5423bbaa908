// The licensing module: applications by citizens and enterprises for service items, run as 'licence'
// cases on the engine (受理, 补正, 审查, 决定), with the Art. 32 auto-acceptance, fees (一单式收费)
// and the documents of each step. Other modules use only what this file exports.
import './licensing.permissions.ts';
import './licensing.case-type.ts';
import type { ModuleManifest } from '../registry.ts';
import { FEE_SETTLED_QUEUE } from './licensing.case-type.ts';
import { ensureDocumentFile, RENDER_DOCUMENT_QUEUE } from './licensing.documents.ts';
import { seedLicensingDemo } from './licensing.seed.ts';
import { registerApplicationRoutes } from './routes/applications.routes.ts';
import { registerDraftRoutes } from './routes/drafts.routes.ts';
import { registerPaymentChannelRoutes } from './routes/payment-channels.routes.ts';
import { AUTO_ACCEPT_QUEUE, runAutoAcceptance } from './use-cases/auto-accept.ts';
import { releaseSettledFee } from './use-cases/release-settled-fee.ts';

export const licensingModule: ModuleManifest = {
  name: 'licensing',
  async register(app, ctx) {
    registerApplicationRoutes(app, ctx);
    registerDraftRoutes(app, ctx);
    await registerPaymentChannelRoutes(app, ctx);
  },
  registerJobs(ctx) {
    ctx.jobs.register(AUTO_ACCEPT_QUEUE, async () => {
      await runAutoAcceptance(ctx);
    });
    // 行政许可法 Art. 32: checked every 10 minutes; the window ends on whole days, so this is ample.
    ctx.jobs.schedule(AUTO_ACCEPT_QUEUE, AUTO_ACCEPT_QUEUE, 600);
    ctx.jobs.register(FEE_SETTLED_QUEUE, async (payload) => {
      if (typeof payload.applicationId === 'string') await releaseSettledFee(ctx, payload.applicationId);
    });
    ctx.jobs.register(RENDER_DOCUMENT_QUEUE, async (payload) => {
      if (typeof payload.documentId === 'string') await ensureDocumentFile(ctx, payload.documentId);
    });
  },
  seedDemo: seedLicensingDemo,
};

export {
  APPLICATION_REF_TYPE,
  LICENCE_CASE_TYPE,
  parseCorrectionItems,
  SIGNAL_FEE_PAID,
  SIGNAL_RESUBMITTED,
} from './licensing.case-type.ts';
export { FEE_PAID_EVENT } from './licensing.fees.ts';
export { FEE_RECORD } from './licensing.permissions.ts';
export { feeOfCase } from './licensing.repository.ts';
export { type ApplicationStatus, STATUS_NAMES } from './licensing.status.ts';
export { type ApplicationDetail, type FeeView, PAYMENT_METHOD_NAMES } from './licensing.views.ts';
export {
  clearPaymentAdapters,
  listPaymentAdapters,
  type PaymentAdapter,
  type PaymentNotification,
  type PaymentOrderRequest,
  type PaymentOrderResult,
  type PaymentOrderStatus,
  registerPaymentAdapter,
  type VerifiedPayment,
} from './payment-adapters.ts';
export { AUTO_ACCEPT_QUEUE, runAutoAcceptance } from './use-cases/auto-accept.ts';
export { deleteDraft } from './use-cases/delete-draft.ts';
export { type DraftView, getDraft, listMyDrafts } from './use-cases/get-draft.ts';
export { getApplication, getApplicationForApplicant } from './use-cases/get-application.ts';
export { getFees } from './use-cases/get-fees.ts';
export { type ApplicationList, listMyApplications } from './use-cases/list-my-applications.ts';
export {
  confirmPaymentNotification,
  createPaymentOrder,
  listPaymentChannels,
  refreshPaymentOrder,
} from './use-cases/pay-online.ts';
export { type DocumentDownload, readDocument, readMaterialFile } from './use-cases/read-document.ts';
export { recordPayment } from './use-cases/record-payment.ts';
export { resubmitApplication } from './use-cases/resubmit-application.ts';
export { MAX_DRAFTS, type SaveDraftInput, saveDraft } from './use-cases/save-draft.ts';
export {
  IDEMPOTENCY_KEY_RE,
  type SubmitApplicationInput,
  submitApplication,
} from './use-cases/submit-application.ts';
export { withdrawApplication } from './use-cases/withdraw-application.ts';

// Telling the applicant what happened: an in-app message always, and an SMS when the application
// gave a mobile number. Texts carry the case number and the item, never personal data.
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { validateMobile } from '../../platform/ids/phone.ts';
import type { ApplicationRow } from './licensing.repository.ts';

/** Where the applicant reads an application in the online service hall. */
export function applicantLink(applicationId: string): string {
  return `/hall/my/${applicationId}`;
}

export async function notifyApplicant(
  tx: Tx,
  ctx: AppContext,
  app: ApplicationRow,
  msg: { title: string; body: string; sms?: boolean },
): Promise<void> {
  await ctx.notify.inbox(tx, {
    userId: app.applicant_user_id,
    title: msg.title,
    body: msg.body,
    link: applicantLink(app.id),
  });
  if (msg.sms === false || !app.contact_phone_enc) return;
  const phone = ctx.pii.decrypt(app.contact_phone_enc);
  if (!validateMobile(phone).ok) return;
  await ctx.notify.sms(tx, { to: phone, body: `【政务服务】${msg.body}` });
}

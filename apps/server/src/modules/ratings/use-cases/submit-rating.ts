// "一事一评": the applicant rates a completed case once. A bad rating (≤ 2) opens a rectification case
// for the unit that handled it, with ratingRectifyDays working days counted from today.
import type { Actor } from '../../../platform/audit/audit.ts';
import { shanghaiDate } from '../../../platform/calendar/working-days.ts';
import type { AppContext } from '../../../platform/context.ts';
import { newId } from '../../../platform/db/ids.ts';
import { withTx } from '../../../platform/db/pool.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { getCaseForUpdate, openCase } from '../../workflow/index.ts';
import { ratingErrors } from '../ratings.errors.ts';
import {
  type IndicatorKey,
  isBad,
  LEVEL_NAMES,
  RECTIFICATION_CASE_TYPE,
  RECTIFICATION_PROCESS,
} from '../ratings.model.ts';
import { findRatingOfCase, insertRating, linkRectification } from '../ratings.repository.ts';
import { type RatingView, toRatingView } from '../ratings.views.ts';

export interface SubmitRatingInput {
  caseId: string;
  score: number;
  comment?: string | null;
  indicators?: Partial<Record<IndicatorKey, number>>;
}

function checkScore(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 5)
    throw ratingErrors.RATING_INVALID(field, '评分应为 1–5 的整数');
  return v;
}

export async function submitRating(
  ctx: AppContext,
  principal: Principal | null,
  input: SubmitRatingInput,
  actor: Actor,
): Promise<RatingView> {
  if (!principal) throw platformErrors.UNAUTHENTICATED();
  const score = checkScore(input.score, 'score');
  const comment = (input.comment ?? '').trim();
  if ([...comment].length > 500) throw ratingErrors.RATING_INVALID('comment', '评价内容不能超过 500 字');
  const ind = input.indicators ?? {};
  const indicator = (k: IndicatorKey) =>
    ind[k] === undefined ? null : checkScore(ind[k], `indicators.${k}`);
  const indicators = {
    efficiency: indicator('efficiency'),
    guide_accuracy: indicator('guideAccuracy'),
    convenience: indicator('convenience'),
    usability: indicator('usability'),
  };

  const ratingId = await withTx(ctx.pool, async (tx) => {
    // Locking the case serialises two submissions of the same rating (double click): the second
    // sees the first's row and gets 409.
    const c = await getCaseForUpdate(tx, input.caseId);
    if (!c?.applicantUserId || c.applicantUserId !== principal.userId)
      throw ratingErrors.RATING_CASE_NOT_FOUND();
    if (c.status !== 'completed') throw ratingErrors.CASE_NOT_COMPLETED();
    if (await findRatingOfCase(tx, c.id)) throw ratingErrors.ALREADY_RATED();

    const now = ctx.clock.now();
    const today = shanghaiDate(now);
    const bad = isBad(score);
    const id = newId();
    const inserted = await insertRating(tx, {
      id,
      case_id: c.id,
      case_number: c.number,
      case_type: c.caseType,
      subject: c.subject,
      org_id: c.orgId,
      org_path: c.orgPath,
      rater_user_id: principal.userId,
      channel: 'online',
      score,
      comment,
      ...indicators,
      rated_on: today,
      created_at: now,
      rectification_case_id: null,
      rectification_status: bad ? 'open' : 'none',
    });
    if (!inserted) throw ratingErrors.ALREADY_RATED();

    let rectificationNumber: string | null = null;
    if (bad) {
      // ZT_RATING_RECTIFY_DAYS: the config schema holds its default and bounds.
      const days = ctx.config.ratingRectifyDays;
      // The rater is not named on the rectification case: the handling unit reaches them through the
      // rated case, and the rectification's records stay free of who complained.
      const opened = await openCase(tx, ctx, {
        caseType: RECTIFICATION_CASE_TYPE,
        processCode: RECTIFICATION_PROCESS,
        orgId: c.orgId,
        subject: `差评整改：${c.subject}（${c.number}）`,
        applicantUserId: null,
        applicantName: '',
        refType: 'rating',
        refId: id,
        data: {
          ratingId: id,
          ratedCaseId: c.id,
          ratedCaseNumber: c.number,
          score,
          levelName: LEVEL_NAMES[score],
          comment,
        },
        legal: { days, unit: 'working' },
        promised: { days, unit: 'working' },
        receivedOn: today,
        clockStartsOn: today,
        actorUserId: null,
      });
      await linkRectification(tx, id, opened.case.id);
      rectificationNumber = opened.case.number;
    }

    await ctx.audit.record(tx, actor, {
      action: 'rating.create',
      objectType: 'rating',
      objectId: id,
      summary: `评价办件 ${c.number}：${LEVEL_NAMES[score]}${rectificationNumber ? `，转差评整改 ${rectificationNumber}` : ''}`,
    });
    await ctx.events.emit(tx, {
      type: 'rating.created',
      aggregateType: 'rating',
      aggregateId: id,
      payload: { ratingId: id, caseId: c.id, caseType: c.caseType, orgId: c.orgId, score, bad },
      actorId: principal.userId,
    });
    return id;
  });
  const view = await toRatingView(ctx.pool, ratingId);
  if (!view) throw ratingErrors.RATING_CASE_NOT_FOUND();
  return view;
}

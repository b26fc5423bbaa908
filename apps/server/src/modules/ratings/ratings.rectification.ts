// Case type hooks of 差评整改: keep the rating's rectification state in step with the case, and tell
// the rater the outcome once the follow-up confirms it (整改情况反馈评价人).
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/pool.ts';
import type { ActionEvent, CaseTypeHooks } from '../workflow/index.ts';
import { RECTIFICATION_CASE_TYPE } from './ratings.model.ts';
import { findRatingByRectification, markRectified, setRectificationNote } from './ratings.repository.ts';

async function afterAction(
  tx: Tx,
  ctx: AppContext,
  a: ActionEvent & { enteredSteps: string[] },
): Promise<void> {
  const key = a.action.key;
  if (key === 'submit' || key === 'explain') {
    const label = key === 'submit' ? '整改情况' : '解释说明';
    await setRectificationNote(tx, a.case.id, `${label}：${a.comment ?? ''}`);
    return;
  }
  if (key !== 'confirm') return;
  const rating = await findRatingByRectification(tx, a.case.id);
  if (!rating) return;
  if (!(await markRectified(tx, a.case.id, a.comment, ctx.clock.now()))) return;
  await ctx.notify.inbox(tx, {
    userId: rating.rater_user_id,
    title: `您对办件 ${rating.case_number} 的评价已整改反馈`,
    body: [
      `您对“${rating.subject}”的评价（${rating.comment || '无文字评价'}）已由${rating.org_name ?? '办理单位'}核实处理。`,
      rating.rectification_note ?? '',
      a.comment ? `回访核实：${a.comment}` : '',
      '感谢您的监督。如对整改结果仍不满意，可拨打 12345 政务服务便民热线反映。',
    ]
      .filter(Boolean)
      .join('\n'),
  });
  await ctx.events.emit(tx, {
    type: 'rating.rectified',
    aggregateType: 'rating',
    aggregateId: rating.id,
    payload: {
      ratingId: rating.id,
      caseId: rating.case_id,
      orgId: rating.org_id,
      rectificationCaseId: a.case.id,
    },
    actorId: a.actorUserId,
  });
}

export const rectificationHooks: CaseTypeHooks = {
  type: RECTIFICATION_CASE_TYPE,
  name: '差评整改',
  afterAction,
};

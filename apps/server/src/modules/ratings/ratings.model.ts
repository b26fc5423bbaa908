// Rating levels (国办发〔2019〕51号: five levels, the lower two are 差评; their names in apps/shared) and
// the rectification process.
import type { ProcessDefinition } from '../workflow/index.ts';

export {
  BAD_SCORES,
  type IndicatorKey,
  isBad,
  RATING_INDICATORS as INDICATORS,
  RATING_LEVEL_NAMES as LEVEL_NAMES,
  RECTIFICATION_STATUS_NAMES,
  type RectificationStatus,
} from '../../../../shared/ratings.ts';

export const RECTIFICATION_CASE_TYPE = 'rectification';
export const RECTIFICATION_PROCESS = 'rating.rectification';

/**
 * 差评整改: "谁办理、谁负责" — the rated unit's approver rectifies (or explains, when the complaint has
 * no legal basis), then the follow-up (回访核实) confirms it or sends it back. The case's legal limit
 * (ratingRectifyDays working days) runs from the day of the rating.
 */
export const RECTIFICATION_DEFINITION: ProcessDefinition = {
  start: 'rectify',
  steps: [
    {
      key: 'rectify',
      name: '差评整改',
      type: 'task',
      assignee: { type: 'role', role: 'approver' },
      actions: [
        { key: 'submit', label: '提交整改情况', to: 'followup', commentRequired: true },
        { key: 'explain', label: '解释说明（诉求缺乏法定依据）', to: 'followup', commentRequired: true },
      ],
    },
    {
      key: 'followup',
      name: '回访核实',
      type: 'task',
      assignee: { type: 'role', role: 'approver' },
      actions: [
        { key: 'confirm', label: '整改到位', to: 'done', commentRequired: true },
        { key: 'reopen', label: '重新整改', kind: 'return', to: 'rectify', commentRequired: true },
      ],
    },
    { key: 'done', name: '整改完结', type: 'end', outcome: 'rectified' },
  ],
};

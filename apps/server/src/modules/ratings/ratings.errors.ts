// Error codes of the 好差评 module.
import { defineErrors } from '../../platform/http/errors.ts';

export const ratingErrors = defineErrors({
  RATING_CASE_NOT_FOUND: { status: 404, message: '未找到您可以评价的办件' },
  CASE_NOT_COMPLETED: { status: 409, message: '办件办结后才能评价' },
  ALREADY_RATED: { status: 409, message: '您已评价过该办件，每件事项只能评价一次' },
  RATING_INVALID: { status: 422, message: '评价内容不符合要求' },
  PERIOD_INVALID: { status: 422, message: '统计期间应为 YYYY-MM（月）或 YYYY（年）' },
});

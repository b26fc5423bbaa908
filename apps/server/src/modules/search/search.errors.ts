// Error codes of the search API.
import { defineErrors } from '../../platform/http/errors.ts';

export const searchErrors = defineErrors({
  SEARCH_DATE_RANGE_INVALID: { status: 400, message: '起始日期（from）不能晚于结束日期（to）' },
});

// Error codes of electronic supervision with their Chinese messages.
import { defineErrors } from '../../platform/http/errors.ts';

export const supervisionErrors = defineErrors({
  CASE_NOT_FOUND: { status: 404, message: '办件不存在，或不在您的监察范围内' },
  ORG_NOT_FOUND: { status: 404, message: '单位不存在，或不在您的监察范围内' },
  ORDER_NOT_FOUND: { status: 404, message: '督办件不存在，或不在您的监察范围内' },
  ANOMALY_NOT_FOUND: { status: 404, message: '异常记录不存在，或不在您的监察范围内' },
  CASE_CLOSED: { status: 409, message: '办件已办结或已撤回，不能再督办' },
  ORDER_OPEN: { status: 409, message: '该办件已有一件尚未办结的督办' },
  ORDER_CLOSED: { status: 409, message: '督办件已办结' },
  ANOMALY_RESOLVED: { status: 409, message: '该异常已处理' },
  DEADLINE_INVALID: { status: 422, message: '督办期限须为今天之后的日期，且至少包含一个工作日' },
  CONTENT_REQUIRED: { status: 422, message: '请填写督办内容' },
  ACTION_NOT_ALLOWED: { status: 422, message: '督办件当前环节不能执行此操作' },
  COMMENT_REQUIRED: { status: 422, message: '请填写答复或审核意见' },
  PERIOD_INVALID: { status: 422, message: '考核期须为月份（如 2026-11）或季度（如 2026-Q4），且不晚于本期' },
  RANGE_INVALID: { status: 422, message: '统计区间不正确：开始日期不能晚于结束日期，且跨度不超过 366 天' },
});

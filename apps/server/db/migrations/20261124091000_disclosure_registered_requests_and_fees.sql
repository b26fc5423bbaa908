-- 政府信息公开, staff side: requests an officer registers for the applicant (paper at the counter, post,
-- ordinary letters, fax: Art. 29, 31) and the 信息处理费 notice (国办函〔2020〕109号).

-- A registered request has no applicant account: who registered it answers for it instead.
ALTER TABLE dsc_request ALTER COLUMN applicant_user_id DROP NOT NULL;
ALTER TABLE dsc_request ADD COLUMN registered_by uuid REFERENCES idn_user (id);
ALTER TABLE dsc_request ADD CONSTRAINT dsc_request_applicant_or_registrar
  CHECK (applicant_user_id IS NOT NULL OR registered_by IS NOT NULL);
-- 'post' is 邮寄 (received when signed for), 'letter' an ordinary letter (received when confirmed).
ALTER TABLE dsc_request DROP CONSTRAINT dsc_request_channel_check;
ALTER TABLE dsc_request ADD CONSTRAINT dsc_request_channel_check
  CHECK (channel IN ('online', 'counter', 'post', 'letter', 'fax'));
-- 身份证明 kind (居民身份证, 护照 …, 统一社会信用代码) and a keyed hash of the number, so requests of the same
-- applicant can be counted per month (109号 第四条) without decrypting anything.
ALTER TABLE dsc_request ADD COLUMN applicant_id_type text NOT NULL DEFAULT '';
ALTER TABLE dsc_request ADD COLUMN applicant_key text;
CREATE INDEX dsc_request_applicant_key_idx ON dsc_request (org_id, applicant_key, received_on);

-- 信息处理费: one notice per request, 按件 (pieces this request counts as) or 按量 (pages); the amount is
-- whole yuan under the 109号 standards. Paid, waived (减免) or lapsed (closed as OTHER_FEE_UNPAID).
ALTER TABLE dsc_request ADD COLUMN fee_method text CHECK (fee_method IN ('piece', 'volume'));
ALTER TABLE dsc_request ADD COLUMN fee_quantity integer CHECK (fee_quantity > 0);
ALTER TABLE dsc_request ADD COLUMN fee_month_count integer;
ALTER TABLE dsc_request ADD COLUMN fee_amount_yuan integer CHECK (fee_amount_yuan >= 0);
ALTER TABLE dsc_request ADD COLUMN fee_reason text;
ALTER TABLE dsc_request ADD COLUMN fee_noticed_on date;
ALTER TABLE dsc_request ADD COLUMN fee_due_on date;
ALTER TABLE dsc_request ADD COLUMN fee_paid_on date;
ALTER TABLE dsc_request ADD COLUMN fee_waived_on date;
ALTER TABLE dsc_request ADD COLUMN fee_waiver_reason text;
ALTER TABLE dsc_request ADD CONSTRAINT dsc_request_fee_complete
  CHECK (fee_method IS NULL OR (fee_quantity IS NOT NULL AND fee_amount_yuan IS NOT NULL
    AND fee_noticed_on IS NOT NULL AND fee_due_on IS NOT NULL));

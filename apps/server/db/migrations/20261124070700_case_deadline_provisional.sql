-- Deadlines computed on a provisional calendar year (no 国务院办公厅 notice published yet: the statutory
-- holidays without 调休, see platform/calendar/working-days.ts) are marked, and recomputed by the
-- workflow job 'calendar.changed' → recompute.ts once the notice is entered. Every deadline stored
-- before this migration was computed on published years only (others were refused), hence false.
ALTER TABLE wf_case ADD COLUMN deadline_provisional boolean NOT NULL DEFAULT false;
ALTER TABLE wf_task ADD COLUMN deadline_provisional boolean NOT NULL DEFAULT false;

-- The day a task's step limit counts from: the day it opened, or for a transferred task the day its
-- predecessor opened (a transfer keeps the step deadline). NULL: no limit, or not known — such a task
-- is never recomputed. Known for existing open tasks unless their step was ever transferred.
ALTER TABLE wf_task ADD COLUMN deadline_from date;
UPDATE wf_task t SET deadline_from = (t.opened_at AT TIME ZONE 'Asia/Shanghai')::date
WHERE t.limit_days IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM wf_case_event e
                  WHERE e.case_id = t.case_id AND e.kind = 'transfer' AND e.step_key = t.step_key);

-- The recompute job walks the running cases in id order, batch by batch.
CREATE INDEX wf_case_running_id_idx ON wf_case (id) WHERE status IN ('open', 'paused');

// Application statuses as the applicant sees them. The case engine knows steps and outcomes; these
// are the licensing words for where an application stands (DOMAIN §2.1).

export type ApplicationStatus =
  | 'submitted'
  | 'correction'
  | 'processing'
  | 'fee_due'
  | 'approved'
  | 'denied'
  | 'not_accepted'
  | 'withdrawn'
  | 'completed';

export const APPLICATION_STATUSES: readonly ApplicationStatus[] = [
  'submitted',
  'correction',
  'processing',
  'fee_due',
  'approved',
  'denied',
  'not_accepted',
  'withdrawn',
  'completed',
];

export const STATUS_NAMES: Record<ApplicationStatus | 'draft', string> = {
  draft: '草稿',
  submitted: '待受理',
  correction: '待补正',
  processing: '办理中',
  fee_due: '待缴费',
  approved: '准予许可',
  denied: '不予许可',
  not_accepted: '不予受理',
  withdrawn: '已撤回',
  completed: '已办结',
};

/** Statuses after which nothing more happens to the application. */
export const FINAL_STATUSES: ReadonlySet<ApplicationStatus> = new Set([
  'approved',
  'denied',
  'not_accepted',
  'withdrawn',
  'completed',
]);

/** The application status a case outcome (end step) means. */
export function statusOfOutcome(outcome: string): ApplicationStatus {
  switch (outcome) {
    case 'approved':
      return 'approved';
    case 'denied':
      return 'denied';
    case 'not_accepted':
      return 'not_accepted';
    default:
      return 'completed';
  }
}

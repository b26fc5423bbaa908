// Daily housekeeping: session rows that ended more than 30 days ago are deleted. Sign-ins and
// sign-outs stay in the audit log; the rows themselves only serve live sessions.
import type { AppContext } from '../../../platform/context.ts';
import { withTx } from '../../../platform/db/pool.ts';

export async function purgeEndedSessions(ctx: AppContext): Promise<number> {
  const cutoff = new Date(ctx.clock.now().getTime() - 30 * 86_400_000);
  return withTx(ctx.pool, async (tx) => {
    const r = await tx.query('DELETE FROM idn_session WHERE expires_at < $1 OR revoked_at < $1', [cutoff]);
    return r.rowCount ?? 0;
  });
}

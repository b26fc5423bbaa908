// CPU time of processes on this machine (Linux /proc), to say what one operation costs each party:
// the Zhengtong process, the PostgreSQL server (postmaster and all its backends) and the load generator.
import fs from 'node:fs';
import pg from 'pg';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS = 100;

function stat(pid: number): { ppid: number; ms: number } | null {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: fields start after the last ')'.
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), ms: ((Number(f[11]) + Number(f[12])) * 1000) / TICKS };
  } catch {
    return null;
  }
}

/** User + system CPU milliseconds of one process. */
export function processCpuMs(pid: number): number {
  return stat(pid)?.ms ?? 0;
}

/** User + system CPU milliseconds of a process and all its living descendants. */
export function treeCpuMs(root: number): number {
  const children = new Map<number, number[]>();
  const ms = new Map<number, number>();
  for (const name of fs.readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const s = stat(pid);
    if (!s) continue;
    ms.set(pid, s.ms);
    children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  }
  let total = 0;
  const todo = [root];
  while (todo.length) {
    const p = todo.pop() as number;
    total += ms.get(p) ?? 0;
    todo.push(...(children.get(p) ?? []));
  }
  return total;
}

/** The postmaster of the PostgreSQL server at `url`, when it runs on this machine (else null). */
export async function postmasterPid(url: string): Promise<number | null> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const backend = stat(r.rows[0]?.pid ?? 0);
    return backend ? backend.ppid : null;
  } finally {
    await c.end();
  }
}

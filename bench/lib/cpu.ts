// CPU time per request in this process, one request at a time: robust where a shared machine's load makes
// requests per second swing (a process waiting for a core uses no CPU), so pages can be compared to the floor.

import { readFileSync } from 'node:fs';

export interface CpuResult {
  name: string;
  /** Milliseconds of this process's CPU (user + system) per request, response body read. */
  cpuMs: number;
  statuses: Map<number, number>;
}

export async function cpuPerRequest(
  name: string,
  fetch: (req: Request) => Response | Promise<Response>,
  request: (k: number) => Request,
  n = 1000,
  warm = 100,
): Promise<CpuResult> {
  const statuses = new Map<number, number>();
  let k = 0;
  for (; k < warm; k++) await (await fetch(request(k))).arrayBuffer();
  const start = process.cpuUsage();
  for (; k < warm + n; k++) {
    const res = await fetch(request(k));
    await res.arrayBuffer();
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  }
  const used = process.cpuUsage(start);
  return { name, cpuMs: (used.user + used.system) / 1000 / n, statuses };
}

/** Rows of CPU per request and each one's share of the floor's rate (the floor's CPU over the row's). */
export function cpuTable(rows: CpuResult[], floor: CpuResult): string {
  const pad = (s: string, w: number) => s.padEnd(w);
  const lines = rows.map(
    (r) =>
      `${pad(r.name, 36)}  ${pad(r.cpuMs.toFixed(3), 6)}  ${pad(`${((100 * floor.cpuMs) / r.cpuMs).toFixed(0)} %`, 10)}  ${[
        ...r.statuses,
      ]
        .map(([status, count]) => `${status}×${count}`)
        .join(' ')}`,
  );
  return [
    `${pad('in process, one at a time', 36)}  ${pad('CPU ms', 6)}  ${pad('% of floor', 10)}  statuses`,
    ...lines,
  ].join('\n');
}

/** The user + system CPU a process has used so far, in ms, from /proc (Linux; 10 ms ticks). */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}
const TICKS_PER_SECOND = 100;

/**
 * The same measure against the real server process (the bundle `npm start` runs, behind @hono/node-server), one
 * request at a time over loopback: only the server's CPU is counted, so the HTTP layer is in and the client is out.
 */
export async function serverCpuPerRequest(
  name: string,
  server: { pid: number; url: string },
  request: (k: number) => { path: string; init: RequestInit },
  n = 1000,
  warm = 100,
): Promise<CpuResult> {
  const statuses = new Map<number, number>();
  const send = async (k: number) => {
    const { path, init } = request(k);
    const res = await fetch(server.url + path, init);
    await res.arrayBuffer();
    return res.status;
  };
  let k = 0;
  for (; k < warm; k++) await send(k);
  const start = processCpuMs(server.pid);
  for (; k < warm + n; k++) {
    const status = await send(k);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  }
  return { name, cpuMs: (processCpuMs(server.pid) - start) / n, statuses };
}

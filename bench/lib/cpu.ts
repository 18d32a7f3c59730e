// CPU time per request in this process, one request at a time: robust where a shared machine's load makes
// requests per second swing (a process waiting for a core uses no CPU), so pages can be compared to the floor.

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

// npm run bench:memory — the server's resident memory under the same mixed read load, run three ways side by side:
// through the tsx loader (how `npm start` ran before decision 0136), as the bundle `npm start` now builds, and the
// bundle with glibc's malloc arenas capped. Peak RSS is the kernel's high-water mark of the server process.
import { benchApp } from './lib/app.js';
import { load } from './lib/http.js';
import { saveReport } from './lib/results.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const mib = (bytes?: number) => (bytes === undefined ? '?' : String(Math.round(bytes / 1048576)));

const variants = [
  { name: 'tsx loader (before)', server: { loader: 'tsx' as const } },
  { name: 'bundle (npm start)', server: { loader: 'bundle' as const } },
  { name: 'bundle, MALLOC_ARENA_MAX=2', server: { loader: 'bundle' as const, env: { MALLOC_ARENA_MAX: '2' } } },
];

const rows: string[][] = [];
for (const [i, v] of variants.entries()) {
  const app = await benchApp(`memory-${i}`, 1, v.server);
  const admin = await app.loginAs('county_admin');
  const station = await app.loginAs('station_staff', { townshipId: 1 });
  const paths = ['/', '/recipients?q=%E7%8E%8B', '/reports/annual', '/visits/compliance', '/shifts', '/visits/overdue'];
  const requests = paths.flatMap((path) =>
    [admin, station].map((cookie) => ({ method: 'GET' as const, path, headers: { cookie } })),
  );
  const result = await load(v.name, `${app.url}/`, { seconds, connections, requests });
  await app.close();
  rows.push([
    v.name,
    String(app.peakRssMiB()),
    mib(app.atPeak?.heapTotal),
    mib(app.atPeak?.external),
    String(result.requestsPerSec),
    String(result.p99),
    String(result.errors + result.non2xx),
  ]);
}

const head = ['server', 'peak RSS MiB', 'V8 heap at peak', 'external at peak', 'req/s', 'p99 ms', 'errors+non-2xx'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
saveReport(
  'memory',
  [
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `Each: demo county (scale 1), ${connections} connections for ${seconds} s over ${6} pages as the county admin and a station.`,
    'Target: server RSS < 300 MB under bench:load (decision 0136). Other work shares these 2 cores: rates are noisy, memory less so.',
  ].join('\n'),
);

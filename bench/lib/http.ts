import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import autocannon from 'autocannon';
import { Hono } from 'hono';

export interface Listening {
  url: string;
  close(): Promise<void>;
}

/** Serves a fetch handler on a random loopback port. */
export function listen(fetch: (req: Request) => Response | Promise<Response>): Promise<Listening> {
  return new Promise((resolve) => {
    let server: ServerType;
    // eslint-disable-next-line prefer-const
    server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

/** The baseline every HTTP benchmark prints beside its own figures: a bare Hono hello-world on the same machine. */
export function helloWorld(): Promise<Listening> {
  const app = new Hono();
  app.get('/', (c) => c.text('hello world'));
  return listen(app.fetch);
}

export interface LoadResult {
  name: string;
  requestsPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  total: number;
}

export interface LoadOptions {
  connections?: number;
  seconds?: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** One request per call, for rotating users or bodies. */
  requests?: autocannon.Request[];
}

/** Runs autocannon against a URL on loopback for a bounded time. */
export async function load(name: string, url: string, opts: LoadOptions = {}): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections: opts.connections ?? 50,
    duration: opts.seconds ?? 10,
    method: opts.method ?? 'GET',
    headers: opts.headers,
    body: opts.body,
    requests: opts.requests,
  });
  return {
    name,
    requestsPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    total: result.requests.total,
  };
}

/** A fixed-width table of results, with each row's rate as a share of the baseline's. */
export function table(rows: LoadResult[], baseline: LoadResult): string {
  const head = ['what', 'req/s', '% of hello', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', 'requests'];
  const body = rows.map((r) => [
    r.name,
    String(r.requestsPerSec),
    `${((100 * r.requestsPerSec) / baseline.requestsPerSec).toFixed(1)} %`,
    String(r.p50),
    String(r.p99),
    String(r.errors),
    String(r.non2xx),
    String(r.total),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

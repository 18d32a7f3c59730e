/**
 * Password hashing costs on both runtimes (decision 0072). Node: native argon2id (@node-rs/argon2), the same
 * argon2id in WebAssembly (hash-wasm, what Workers use to verify Node's hashes) and scrypt via node:crypto.
 * workerd (wrangler dev, local): the Workers hasher over HTTP, minus a no-op request measured in the same run.
 * Usage: npm run bench:passwords
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { argon2Verify } from 'hash-wasm';
import { argon2Hasher } from '../src/auth/password.js';
import { workerHasher } from '../src/auth/password-worker.js';
import { saveReport } from './lib/results.js';

const PW = 'correct horse battery';
const RUNS = 7;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time(fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm-up (WebAssembly compile, first allocation)
  const xs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

const rows: [string, string, number][] = [];
const notes: string[] = [];
const argon2 = await argon2Hasher.hash(PW);
const scrypt = await workerHasher.hash(PW);
rows.push(['node', 'argon2id hash (native, m=19456 t=2 p=1)', await time(() => argon2Hasher.hash(PW))]);
rows.push(['node', 'argon2id verify (native)', await time(() => argon2Hasher.verify(argon2, PW))]);
rows.push([
  'node',
  'argon2id verify (hash-wasm, WebAssembly)',
  await time(() => argon2Verify({ password: PW, hash: argon2 })),
]);
rows.push(['node', 'argon2id verify (@noble/hashes, plain JS)', await time(() => workerHasher.verify(argon2, PW))]);
rows.push(['node', 'scrypt hash (node:crypto, N=2^14 r=8 p=5)', await time(() => workerHasher.hash(PW))]);
rows.push(['node', 'scrypt verify (node:crypto)', await time(() => workerHasher.verify(scrypt, PW))]);

const port = await new Promise<number>((ok) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = (s.address() as { port: number }).port;
    s.close(() => ok(p));
  });
});
const dir = resolve(import.meta.dirname, 'passwords');
const dev = spawn(
  process.execPath,
  [
    resolve('node_modules/wrangler/bin/wrangler.js'),
    'dev',
    '--local',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--show-interactive-dev-session=false',
  ],
  {
    cwd: dir,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1' },
    stdio: 'ignore',
    detached: true,
  },
);
const base = `http://127.0.0.1:${port}`;
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/`)).ok) break;
    } catch {
      if (i > 300) throw new Error('wrangler dev did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const get = (path: string) => async () => {
    const res = await fetch(base + path);
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    await res.text();
  };
  const noop = await time(get('/'));
  const q = (h: string) => `/verify?hash=${encodeURIComponent(h)}`;
  rows.push(['workerd', 'no-op request (subtracted below)', noop]);
  rows.push(['workerd', 'argon2id verify (@noble/hashes, plain JS)', (await time(get(q(argon2)))) - noop]);
  const wasm = await fetch(`${base}/hash-wasm?hash=${encodeURIComponent(argon2)}`);
  notes.push(`workerd  argon2id verify (hash-wasm): HTTP ${wasm.status}: ${await wasm.text()}`);
  rows.push(['workerd', 'scrypt hash (node:crypto, nodejs_compat)', (await time(get('/scrypt-hash'))) - noop]);
  rows.push(['workerd', 'scrypt verify (node:crypto, nodejs_compat)', (await time(get(q(scrypt)))) - noop]);
} finally {
  process.kill(-dev.pid!, 'SIGTERM');
}

const text = [
  `median of ${RUNS} runs after one warm-up, milliseconds`,
  '',
  ...rows.map(([rt, what, ms]) => `${rt.padEnd(8)} ${what.padEnd(46)} ${ms.toFixed(1).padStart(8)} ms`),
  '',
  ...notes,
].join('\n');
saveReport('passwords', text);

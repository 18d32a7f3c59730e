import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../src/lib/context.js';
import { readForm } from '../../src/lib/form.js';

// readForm parses URL-encoded bodies itself (decision 0245) and multipart ones through hono: both must give the
// same values, by the same rules, for what browsers really send.
const app = new Hono<AppEnv>().post('/', async (c) => c.json(await readForm(c)));
const read = async (body: BodyInit, type?: string) =>
  (await app.request('/', { method: 'POST', body, headers: type ? { 'content-type': type } : {} })).json();

describe('reading a form', () => {
  const fields: [string, string][] = [
    ['name', '王 小明'],
    ['note', 'a+b=c&d'],
    ['tag', '护理'],
    ['tag', '驾驶'],
    ['ids[]', '7'],
    ['empty', ''],
  ];
  const expected = { name: '王 小明', note: 'a+b=c&d', tag: ['护理', '驾驶'], 'ids[]': ['7'], empty: '' };

  it('reads a URL-encoded body: decoded, repeated names as arrays, [] names always arrays', async () => {
    const encoded = new URLSearchParams(fields).toString();
    expect(encoded).toContain('+'); // the space, as browsers send it
    expect(await read(encoded, 'application/x-www-form-urlencoded')).toEqual(expected);
    expect(await read(encoded, 'application/x-www-form-urlencoded; charset=UTF-8')).toEqual(expected);
  });

  it('reads a multipart body the same way, leaving files out', async () => {
    const form = new FormData();
    for (const [k, v] of fields) form.append(k, v);
    form.append('upload', new Blob(['x']), 'a.csv');
    expect(await read(form)).toEqual(expected);
  });

  it('reads nothing from a body of another type', async () => {
    expect(await read('{"name":"x"}', 'application/json')).toEqual({});
  });
});

import { createHash } from 'node:crypto';
import type { Client } from '@libsql/client';
import { parse } from 'node-html-parser';

export interface FoundForm {
  page: string;
  action: string;
  fields: string[];
  multipart: boolean;
}

/** The POST forms of a page, with the names of their fields (as a browser would submit them). */
export function formsOf(page: string, html: string): FoundForm[] {
  const root = parse(html);
  return root.querySelectorAll('form').flatMap((form) => {
    if ((form.getAttribute('method') ?? 'get').toLowerCase() !== 'post') return [];
    const action = form.getAttribute('action') ?? page;
    const fields = [
      ...new Set(
        form.querySelectorAll('input[name], select[name], textarea[name]').map((el) => el.getAttribute('name')!),
      ),
    ];
    return [{ page, action, fields, multipart: form.getAttribute('enctype') === 'multipart/form-data' }];
  });
}

/** A fingerprint of every row of every table but those named (e.g. login counters), to prove nothing changed. */
export async function databaseFingerprint(client: Client, except: string[] = []): Promise<string> {
  const tables = await client.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  const hash = createHash('sha256');
  for (const row of tables.rows) {
    const name = String(row.name);
    if (except.includes(name)) continue;
    const rows = await client.execute(`SELECT * FROM "${name}" ORDER BY rowid`);
    hash.update(
      name +
        JSON.stringify(rows.rows, (_k, v) =>
          typeof v === 'bigint' ? v.toString() : v instanceof ArrayBuffer ? [...new Uint8Array(v)] : v,
        ),
    );
  }
  return hash.digest('hex');
}

import type { AppContext } from './context.js';

/** The uploaded file of a multipart form field, as bytes with its name; null when none was sent. */
export async function readUpload(
  c: AppContext,
  field = 'file',
): Promise<{ name: string; bytes: Uint8Array; form: Record<string, string> } | null> {
  const body = await c.req.parseBody();
  const file = body[field];
  const form: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') form[k] = v;
  if (!(file instanceof File) || file.size === 0) return null;
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()), form };
}

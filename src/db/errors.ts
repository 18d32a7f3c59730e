/**
 * Whether a write failed on a UNIQUE constraint (optionally on one table or column), whatever the driver: libSQL
 * puts the message on the error or on its cause, D1 wraps it in its own message.
 */
export function isUniqueViolation(error: unknown, on?: string): boolean {
  const texts: string[] = [];
  for (
    let e = error as { message?: unknown; cause?: unknown } | undefined, i = 0;
    e && i < 4;
    e = e.cause as typeof e, i++
  )
    texts.push(String(e.message ?? ''));
  const text = texts.join('\n');
  if (!/UNIQUE constraint failed/.test(text)) return false;
  return on === undefined || text.includes(on);
}

/**
 * `Content-Disposition` for a download named in Chinese. Header values must be Latin-1, so the name is
 * percent-encoded UTF-8 in both parameters: browsers that read `filename*` (RFC 6266) and those that only read
 * `filename` (and decode percent escapes in it) save the same name.
 */
export function attachment(name: string): string {
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${encoded}"; filename*=UTF-8''${encoded}`;
}

export const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

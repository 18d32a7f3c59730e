import { brotliDecompressSync } from 'node:zlib';

/** A page as the browser reads it, whether it came brotli-compressed or plain. */
export const unpacked = async (res: Response): Promise<string> =>
  res.headers.get('content-encoding') === 'br'
    ? brotliDecompressSync(Buffer.from(await res.arrayBuffer())).toString('utf8')
    : res.text();

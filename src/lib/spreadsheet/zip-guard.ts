import { Unzip, UnzipInflate, unzipSync } from 'fflate';

/**
 * Limits for an uploaded .xlsx before exceljs sees it. Our own export of 200,000 recipients
 * (the row cap) is 100 MB of sheet XML and 12 MB of shared strings, each compressed 13×; a zip bomb is a few MB
 * declaring (or hiding) a gigabyte at 290× and more. Rows are streamed, so these bound the work, not the memory.
 */
export const ZIP_LIMITS = {
  maxEntries: 2_000,
  maxEntryBytes: 256 * 1024 * 1024,
  maxTotalBytes: 320 * 1024 * 1024,
  /** Ratio of uncompressed to compressed size, checked for entries above `ratioFloorBytes`. */
  maxRatio: 100,
  ratioFloorBytes: 1024 * 1024,
};

export type ZipVerdict = { ok: true } | { ok: false; reason: 'unreadable' | 'too_large' };

/**
 * Reads the zip's central directory (no decompression) and refuses declared sizes or ratios over the limits;
 * then inflates every entry as a stream, counting bytes and discarding them, so an entry that inflates past what
 * it declared (a lying directory) is caught with memory bounded by one chunk.
 */
export function inspectZip(bytes: Uint8Array, limits = ZIP_LIMITS): ZipVerdict {
  const declared = new Map<string, number>();
  let total = 0;
  let tooLarge = false;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        const ratio = f.size > 0 ? f.originalSize / f.size : f.originalSize > 0 ? Number.POSITIVE_INFINITY : 0;
        if (
          f.originalSize > limits.maxEntryBytes ||
          (f.originalSize > limits.ratioFloorBytes && ratio > limits.maxRatio)
        )
          tooLarge = true;
        declared.set(f.name, f.originalSize);
        return false;
      },
    });
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  if (declared.size === 0) return { ok: false, reason: 'unreadable' };
  if (tooLarge || total > limits.maxTotalBytes || declared.size > limits.maxEntries)
    return { ok: false, reason: 'too_large' };

  let inflatedTotal = 0;
  let verdict: ZipVerdict = { ok: true };
  const unzip = new Unzip((file) => {
    const allowed = declared.get(file.name) ?? 0;
    let inflated = 0;
    file.ondata = (error, chunk) => {
      if (error) verdict = { ok: false, reason: 'unreadable' };
      inflated += chunk?.length ?? 0;
      inflatedTotal += chunk?.length ?? 0;
      if (inflated > allowed || inflatedTotal > limits.maxTotalBytes) {
        verdict = { ok: false, reason: 'too_large' };
        file.terminate();
      }
    };
    if (verdict.ok) file.start();
  });
  unzip.register(UnzipInflate);
  try {
    // Pushed in small slices: one slice inflates to at most ~4 MB (deflate tops out near 1:1032), and a refusal stops early.
    const slice = 4096;
    for (let at = 0; at < bytes.length && verdict.ok; at += slice)
      unzip.push(bytes.subarray(at, at + slice), at + slice >= bytes.length);
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  return verdict;
}

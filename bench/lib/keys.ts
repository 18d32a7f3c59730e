/** Benchmarks build throwaway databases: a fixed key of their own (the app has none built in). */
export const BENCH_KEYS = { DATA_KEY: Buffer.alloc(32, 21).toString('base64') };

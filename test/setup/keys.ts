/** The environment tests run with: an explicit data key (a test key, never a deployment's) and its lookup key. */
export const TEST_KEYS = {
  DATA_KEY: Buffer.alloc(32, 11).toString('base64'),
  DATA_LOOKUP_KEY: Buffer.alloc(32, 12).toString('base64'),
};

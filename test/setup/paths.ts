import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const TMP_DIR = resolve(ROOT, 'test/artifacts/tmp');
export const BASE_DB = resolve(TMP_DIR, 'base.db');
export const ARTIFACTS = resolve(ROOT, 'test/artifacts');

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './chromium.js';
import { type RunningServer, startServer } from './server.js';

/** The real app on a socket and a headless Chromium, for a browser test file (started once, closed after). */
export function withServerAndBrowser(): { server: RunningServer; browser: Browser } {
  const live = {} as { server: RunningServer; browser: Browser };
  beforeAll(async () => {
    live.server = await startServer();
    live.browser = await launchChromium();
  });
  afterAll(async () => {
    await live.browser?.close();
    await live.server?.close();
  });
  return live;
}

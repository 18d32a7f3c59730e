import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { ARTIFACTS } from './paths.js';

/** Debian's Chromium, headless; never a downloaded browser. Background networking off: this machine has no network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export function screenshotPath(name: string): string {
  const dir = resolve(ARTIFACTS, 'screenshots');
  mkdirSync(dir, { recursive: true });
  return resolve(dir, `${name}.png`);
}

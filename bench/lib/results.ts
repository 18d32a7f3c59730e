import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const RESULTS = resolve(dirname(fileURLToPath(import.meta.url)), '../results');

/** Prints a benchmark's report and keeps it under bench/results/<name>.txt with the machine it ran on. */
export function saveReport(name: string, text: string): void {
  const header = `# ${name} — ${new Date().toISOString()} — ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}\n\n`;
  const report = `${header + text.trimEnd()}\n`;
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(resolve(RESULTS, `${name}.txt`), report);
  console.log(report);
}

/** Peak resident memory of this process so far, in MiB. */
export function peakRssMiB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

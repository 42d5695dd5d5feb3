/** The machine a bench ran on: figures are only comparable on the same one. */
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  chromium: string | null;
  platform: string;
  date: string;
}

/** CPU model from /proc/cpuinfo (Linux), else what os.cpus() says. */
export function cpuModel(): string {
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m?.[1]) return m[1].trim();
  } catch {
    /* not Linux */
  }
  return cpus()[0]?.model ?? 'unknown';
}

export function machine(now: Date = new Date()): Machine {
  return {
    cpu: cpuModel(),
    cores: cpus().length,
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    chromium: null,
    platform: `${process.platform} ${process.arch}`,
    date: now.toISOString(),
  };
}

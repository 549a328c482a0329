// CPU seconds of the processes a benchmark stands on, read from Linux /proc (100 clock ticks a second), so a figure
// can say which process used the cores.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** The fields of /proc/<pid>/stat after the command name (index 0 is the state), or undefined once it is gone. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** User + system CPU seconds of a process so far; with `reaped`, also those of the children it has waited for. */
export function cpuSecondsOf(pid: number, reaped = false): number {
  const fields = statFields(pid);
  if (fields === undefined) return 0;
  const ticks = Number(fields[11]) + Number(fields[12]) + (reaped ? Number(fields[13]) + Number(fields[14]) : 0);
  return ticks / TICKS_PER_SECOND;
}

/** CPU seconds of a process, of the children it reaped and of its live children (a PostgreSQL postmaster's backends). */
export function cpuSecondsWithChildren(pid: number): number {
  let seconds = cpuSecondsOf(pid, true);
  for (const child of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    if (statFields(Number(child))?.[1] === String(pid)) seconds += cpuSecondsOf(Number(child));
  }
  return seconds;
}

/** The peak resident memory of a live process so far (VmHWM), in megabytes, or undefined once it is gone. */
export function peakRssMegabytesOf(pid: number): number | undefined {
  try {
    const kilobytes = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kilobytes === undefined ? undefined : Number(kilobytes) / 1024;
  } catch {
    return undefined;
  }
}

/** The process listening on TCP port `port` of this machine (from `ss`), or undefined. */
export function listenerOf(port: number): number | undefined {
  const listening = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
  const pid = /pid=(\d+)/.exec(listening)?.[1];
  return pid === undefined ? undefined : Number(pid);
}

/** Busy (not idle, not waiting for I/O) and total CPU seconds of the whole machine so far, over every core. */
export function machineCpuSeconds(): { busy: number; total: number } {
  const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
  const total = ticks.reduce((sum, t) => sum + t, 0);
  return { busy: (total - ticks[3] - ticks[4]) / TICKS_PER_SECOND, total: total / TICKS_PER_SECOND };
}

export const loadAverage = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

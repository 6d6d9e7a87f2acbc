/**
 * Every process the runner starts is the leader of its own process group ("container"), registered
 * here until it is gone. Whatever ends the runner — the end of the run, Ctrl-C, SIGTERM, an uncaught
 * error, or plain `process.exit` — the groups still registered are killed: no process outlives a run.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const groups = new Set<number>();
let exitHookInstalled = false;

export function trackGroup(pgid: number): void {
  groups.add(pgid);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // Last line of defence: synchronous, runs on every exit path that runs JavaScript at all.
    process.on("exit", killAllGroupsNow);
  }
}

export function untrackGroup(pgid: number): void {
  groups.delete(pgid);
}

export function trackedGroups(): number[] {
  return [...groups];
}

/** Signal a whole process group; false when it no longer exists. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

export function killAllGroupsNow(): void {
  for (const g of groups) signalGroup(g, "SIGKILL");
}

export interface ProcessInfo {
  pid: number;
  ppid: number;
  pgid: number;
  args: string;
}

const execFileAsync = promisify(execFile);

/** Every process of the machine (`ps`, which Linux and macOS both have). */
export async function listProcesses(): Promise<ProcessInfo[]> {
  const { stdout } = await execFileAsync("ps", ["-A", "-o", "pid=,ppid=,pgid=,args="], {
    maxBuffer: 16 * 1024 * 1024,
  });
  const out: ProcessInfo[] = [];
  for (const line of stdout.split("\n")) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(line);
    if (m) out.push({ pid: Number(m[1]), ppid: Number(m[2]), pgid: Number(m[3]), args: m[4]! });
  }
  return out;
}

/** The processes of one container: its process group, plus any descendant that left the group. */
export function containerProcesses(all: readonly ProcessInfo[], rootPid: number): ProcessInfo[] {
  const inTree = new Set<number>([rootPid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of all) {
      if (!inTree.has(p.pid) && (inTree.has(p.ppid) || p.pgid === rootPid)) {
        inTree.add(p.pid);
        grew = true;
      }
    }
  }
  return all.filter((p) => inTree.has(p.pid)).sort((a, b) => a.pid - b.pid);
}

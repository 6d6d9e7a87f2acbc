/**
 * Wall time and peak resident memory of one child process. Uses GNU time (`/usr/bin/time -v`, which
 * reports the child's maximum RSS from wait4) when present; otherwise spawns the child and polls
 * /proc/<pid>/status for VmHWM (its high-water mark) until it exits.
 */
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync } from "node:fs";

export interface Measurement {
  wallS: number;
  /** User + system CPU seconds of the child (NaN with the polling fallback): steadier than wall time
   *  when other processes compete for the cores. */
  cpuS: number;
  maxRssKb: number;
  status: number | null;
  stderr: string;
}

const GNU_TIME = "/usr/bin/time";

/** `stdoutPath`: where the child's stdout goes (to compare outputs between runs); discarded by default. */
export function measure(command: string, args: readonly string[], stdoutPath?: string): Measurement {
  if (existsSync(GNU_TIME)) {
    const started = performance.now();
    const out = stdoutPath === undefined ? "ignore" : openSync(stdoutPath, "w");
    const r = spawnSync(GNU_TIME, ["-v", command, ...args], {
      encoding: "utf8",
      stdio: ["ignore", out, "pipe"],
      maxBuffer: 64 * 1024 * 1024,
    });
    if (typeof out === "number") closeSync(out);
    // GNU time's own elapsed time: the command's, from its fork to its exit, as a shell user sees it
    // (without this process's spawn machinery, a few ms); 10 ms resolution.
    const elapsed = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(
      r.stderr,
    );
    const wallS = elapsed
      ? Number(elapsed[1] ?? 0) * 3600 + Number(elapsed[2]) * 60 + Number(elapsed[3])
      : (performance.now() - started) / 1000;
    const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
    const code = /Exit status: (\d+)/.exec(r.stderr);
    const user = /User time \(seconds\): ([\d.]+)/.exec(r.stderr);
    const sys = /System time \(seconds\): ([\d.]+)/.exec(r.stderr);
    return {
      wallS,
      cpuS: user && sys ? Number(user[1]) + Number(sys[1]) : NaN,
      maxRssKb: rss ? Number(rss[1]) : NaN,
      status: code ? Number(code[1]) : r.status,
      stderr: r.stderr,
    };
  }
  return measureByPolling(command, args, stdoutPath);
}

/** Fallback without GNU time: a small watcher process spawns the child and polls its VmHWM. */
function measureByPolling(command: string, args: readonly string[], stdoutPath?: string): Measurement {
  const script = `
    const { spawn } = require("node:child_process");
    const { openSync, readFileSync } = require("node:fs");
    const started = performance.now();
    const out = ${stdoutPath === undefined ? '"ignore"' : `openSync(${JSON.stringify(stdoutPath)}, "w")`};
    const child = spawn(${JSON.stringify(command)}, ${JSON.stringify(args)}, { stdio: ["ignore", out, "pipe"] });
    let hwm = 0, err = "";
    child.stderr.on("data", (d) => (err += d));
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\\s+(\\d+)/.exec(readFileSync("/proc/" + child.pid + "/status", "utf8"));
        if (m) hwm = Math.max(hwm, Number(m[1]));
      } catch {}
    }, 10);
    child.on("exit", (status) => {
      clearInterval(poll);
      process.stdout.write(JSON.stringify({ wallS: (performance.now() - started) / 1000, cpuS: NaN, maxRssKb: hwm, status, stderr: err }));
    });`;
  const r = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(r.stdout) as Measurement;
}

/**
 * Opt-in stage timings for performance work: with FTPARSE_PROFILE=1 every timed stage (each named SQL
 * file run through db.ts, discovery, directory listing, YAML parsing, rendering) prints one line
 *
 *   profile   412.3 ms   310 MB  at 1.234 s  cpu    420 ms  sql ingest_client_logs
 *
 * to stderr when it ends, with the process's resident memory (RSS) at that moment. It is a developer diagnostic, not program output, so it writes to the process's
 * stderr directly instead of going through Effects; with the variable unset it costs one boolean test.
 */
const enabled = process.env.FTPARSE_PROFILE === "1";

export function profilingEnabled(): boolean {
  return enabled;
}

/** Run `fn`; when profiling, report how long it took under `label`. */
export async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  if (!enabled) return fn();
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  try {
    return await fn();
  } finally {
    const ms = performance.now() - started;
    // CPU of the whole process (every thread) meanwhile: with work running concurrently (ingest
    // lanes) it includes theirs, but unlike wall time it does not grow when other processes compete.
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = ((cpu.user + cpu.system) / 1000).toFixed(0).padStart(6);
    // RSS after the stage: where the process's peak memory builds up.
    const rssMb = (process.memoryUsage.rss() / 1e6).toFixed(0).padStart(5);
    // performance.now() counts from process start: `at` shows where the stage ended on the wall clock.
    const at = (performance.now() / 1000).toFixed(3);
    process.stderr.write(
      `profile ${ms.toFixed(1).padStart(9)} ms ${rssMb} MB  at ${at} s  cpu ${cpuMs} ms  ${label}\n`,
    );
  }
}

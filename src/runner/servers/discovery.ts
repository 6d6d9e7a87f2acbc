/**
 * Service discovery for the built-in deployment, standing in for Dynamo's etcd: a worker registers by
 * writing `<discoveryDir>/<pod>.json` and keeps its lease alive by touching the file; a frontend lists
 * the folder and treats a registration whose heartbeat is older than the lease TTL as gone. A worker
 * that is killed cannot deregister, so the frontend keeps routing to it until the lease expires, as
 * with the real thing ("no responders").
 */
import { readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync, renameSync } from "node:fs";
import { join } from "node:path";

export interface Registration {
  pod: string;
  service: string;
  role: "decode" | "prefill";
  model: string;
  url: string;
  instanceId: string;
}

export class Lease {
  private readonly file: string;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    dir: string,
    private readonly reg: Registration,
    private readonly ttlS: number,
  ) {
    this.file = join(dir, `${reg.pod}.json`);
  }

  /** Register (atomically, so that a reader never sees half a file) and start the heartbeat. */
  grant(): void {
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.reg));
    renameSync(tmp, this.file);
    this.timer = setInterval(
      () => {
        const now = new Date();
        try {
          utimesSync(this.file, now, now);
        } catch {
          // The folder is gone: the run is over.
        }
      },
      Math.max(100, (this.ttlS * 1000) / 3),
    );
    this.timer.unref();
  }

  /** Graceful shutdown: revoke the lease at once. */
  revoke(): void {
    if (this.timer) clearInterval(this.timer);
    rmSync(this.file, { force: true });
  }
}

/** Live registrations: files whose last heartbeat is within the TTL. */
export function liveRegistrations(dir: string, ttlS: number, now = Date.now()): Registration[] {
  const out: Registration[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names.sort()) {
    if (!name.endsWith(".json")) continue;
    const file = join(dir, name);
    try {
      if (now - statSync(file).mtimeMs > ttlS * 1000) continue;
      out.push(JSON.parse(readFileSync(file, "utf8")) as Registration);
    } catch {
      // Removed or replaced while we looked: the next poll sees the new state.
    }
  }
  return out;
}

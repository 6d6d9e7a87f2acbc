/**
 * `test.log.txt`, written as the reference harness's root logger does (docs/layouts/legacy.md#test-log):
 * `[TEST] <time> <LEVEL> <logger>: <message>`, time `%Y-%m-%dT%H:%M:%S` without a zone. ftparse run
 * writes that time in UTC (so `ftparse` reads it right with its default `--tz UTC`, and so does the
 * reference parser, which assumes UTC). The three markers use the reference wording exactly.
 */
import { appendFileSync, writeFileSync } from "node:fs";
import { DEPLOYMENT_NAME } from "./names.js";
import type { FailureSpec } from "./scenario.js";

/** `2025-09-24T18:13:29`: second-truncated naive UTC, the client log's `time` and the test log's. */
export function naiveUtcSeconds(d: Date): string {
  return d.toISOString().slice(0, 19);
}

/** Python's dataclass repr of the reference `Failure`: `Failure(time=30, pod_name='Frontend', …)`. */
export function failureRepr(f: FailureSpec): string {
  const q = (s: string) => `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  return (
    `Failure(time=${f.time}, pod_name=${q(f.podName)}, command=${q(f.command)}, ` +
    `signal=${q(f.signal)}, replicas=${f.replicas})`
  );
}

export class TestLog {
  constructor(
    readonly file: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    writeFileSync(file, "");
  }

  write(logger: string, message: string, level: "INFO" | "WARNING" | "ERROR" = "INFO"): void {
    appendFileSync(this.file, `[TEST] ${naiveUtcSeconds(this.now())} ${level} ${logger}: ${message}\n`);
  }

  // The reference markers (docs/layouts/legacy.md#test-log): exact wording.
  deploymentStarting(specText: string): void {
    this.write("ManagedDeployment", `Starting Deployment ${DEPLOYMENT_NAME} with spec ${specText}`);
  }
  deploymentReady(): void {
    this.write("ManagedDeployment", `Deployment ${DEPLOYMENT_NAME} is ready`);
  }
  injectingFailure(testName: string, f: FailureSpec): void {
    this.write(testName, `Injecting failure for: ${failureRepr(f)}`);
  }
}

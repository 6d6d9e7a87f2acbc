/**
 * Fault injection, as the reference harness does it (docs/layouts/legacy.md#test-log, `scenarios.py`):
 * log `Injecting failure for: Failure(…)`, then for the first `replicas` pods of the target service
 * either delete the pod (artifacts saved as `.before_delete.*` first; the ReplicaSet replaces it) or
 * send `signal` to every process of the pod whose command line contains `command`, logging
 * `Terminating <Service> Pid <pid> Command <command line>` for each.
 */
import type { Collector } from "./collect.js";
import type { Deployment } from "./deployment.js";
import { containerProcesses, listProcesses } from "./processes.js";
import { DELETE_POD, type FailureSpec } from "./scenario.js";
import type { TestLog } from "./testLog.js";

export interface FaultResult {
  pods: string[];
  /** Processes signalled (empty for pod deletion). */
  pids: number[];
  problems: string[];
}

export async function injectFailure(
  f: FailureSpec,
  deployment: Deployment,
  collector: Collector,
  testLog: TestLog,
  testName: string,
): Promise<FaultResult> {
  testLog.injectingFailure(testName, f);
  const targets = deployment.podsOf(f.podName).slice(0, f.replicas);
  const result: FaultResult = { pods: targets.map((p) => p.name), pids: [], problems: [] };
  if (f.command === DELETE_POD) {
    for (const pod of targets) {
      await collector.beforeDelete(pod);
      await deployment.deletePod(pod);
    }
    return result;
  }
  const all = await listProcesses();
  for (const pod of targets) {
    const root = pod.mainPid;
    if (root === undefined) {
      result.problems.push(`pod ${pod.name} has no running container`);
      continue;
    }
    const matches = containerProcesses(all, root).filter((p) => p.args.includes(f.command));
    if (matches.length === 0)
      result.problems.push(`no process of pod ${pod.name} has '${f.command}' in its command`);
    for (const p of matches) {
      testLog.write(testName, `Terminating ${f.podName} Pid ${p.pid} Command ${p.args}`);
      try {
        process.kill(p.pid, f.signal as NodeJS.Signals);
        result.pids.push(p.pid);
      } catch (e) {
        result.problems.push(`cannot signal pid ${p.pid}: ${(e as Error).message}`);
      }
    }
  }
  for (const problem of result.problems) testLog.write(testName, problem, "WARNING");
  return result;
}

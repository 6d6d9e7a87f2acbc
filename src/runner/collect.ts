/**
 * Log collection into the legacy layout (docs/layouts/legacy.md#service-folders), as the reference harness does at teardown
 * and just before deleting a pod:
 *   <Service>/<pod>{sfx}.log            current container log (lines joined by \n, no trailing newline)
 *   <Service>/<pod>{sfx}.previous.log   the previous container's log; empty when there was no restart
 *   <Service>/<pod>.metrics{sfx}.log    GET metrics URL, written only when non-empty
 *   <Service>/<pod>{sfx}.yaml           the pod manifest with status.containerStatuses
 * `{sfx}` is empty, or `.before_delete` for a pod about to be deleted.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Deployment } from "./deployment.js";
import { httpGet } from "./http.js";
import { podManifest } from "./manifest.js";
import type { ContainerRun, Pod } from "./pod.js";

export class Collector {
  constructor(
    private readonly scenarioDir: string,
    private readonly deployment: Deployment,
  ) {}

  /** Every live pod of the deployment. */
  async collectAll(): Promise<void> {
    await Promise.all(this.deployment.pods.map((p) => this.collectPod(p, "")));
  }

  /** A pod about to be deleted: its artifacts with the `.before_delete` suffix. */
  async beforeDelete(pod: Pod): Promise<void> {
    await this.collectPod(pod, ".before_delete");
  }

  private async collectPod(pod: Pod, sfx: string): Promise<void> {
    const dir = join(this.scenarioDir, pod.service.name);
    await mkdir(dir, { recursive: true });
    const base = join(dir, pod.name);
    const metricsUrl = pod.url(pod.service.metricsUrl);
    const [current, previous, metrics] = await Promise.all([
      readRun(pod.current),
      readRun(pod.previous),
      metricsUrl && pod.running ? httpGet(metricsUrl, 2000) : Promise.resolve(null),
    ]);
    await writeFile(`${base}${sfx}.log`, current);
    await writeFile(`${base}${sfx}.previous.log`, previous);
    if (metrics && metrics.status === 200 && metrics.body.trim() !== "") {
      await writeFile(`${base}.metrics${sfx}.log`, metrics.body);
    }
    const launch = this.deployment.launchOf(pod);
    await writeFile(`${base}${sfx}.yaml`, podManifest(pod, launch, this.deployment.scenario.namespace));
  }
}

async function readRun(run: ContainerRun | undefined): Promise<string> {
  if (!run) return "";
  try {
    const text = await readFile(run.logFile, "utf8");
    return text.endsWith("\n") ? text.slice(0, -1) : text;
  } catch {
    return "";
  }
}

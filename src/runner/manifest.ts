/**
 * `<pod>.yaml`: the pod manifest as `kubectl get pod -o yaml` would print it, with what component
 * recovery needs in `status.containerStatuses` — restartCount, `lastState.terminated` (startedAt,
 * finishedAt, exitCode, reason) and `state.running.startedAt` (or `waiting` during a back-off).
 * Times are RFC 3339 in UTC, whole seconds, as Kubernetes writes them.
 */
import { stringify } from "yaml";
import type { ContainerRun, Pod } from "./pod.js";
import { DEPLOYMENT_NAME } from "./names.js";

export const k8sTime = (d: Date) => d.toISOString().slice(0, 19) + "Z";

export function podManifest(
  pod: Pod,
  launch: { display: string[]; image: string },
  namespace: string,
): string {
  const current = pod.current;
  const previous = pod.previous;
  const running = pod.running && current !== undefined;
  const hash = pod.replicaSet.slice(pod.replicaSet.lastIndexOf("-") + 1);
  const readyTransition = k8sTime(current?.startedAt ?? pod.createdAt);
  const manifest = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      creationTimestamp: k8sTime(pod.createdAt),
      generateName: `${pod.replicaSet}-`,
      labels: {
        "nvidia.com/dynamo-component": pod.service.name,
        "nvidia.com/dynamo-namespace": namespace,
        "nvidia.com/selector": `${DEPLOYMENT_NAME}-${pod.service.name.toLowerCase()}`,
        "pod-template-hash": hash,
        "app.kubernetes.io/managed-by": "ftparse-run",
      },
      name: pod.name,
      namespace: DEPLOYMENT_NAME,
      ownerReferences: [
        {
          apiVersion: "apps/v1",
          blockOwnerDeletion: true,
          controller: true,
          kind: "ReplicaSet",
          name: pod.replicaSet,
        },
      ],
    },
    spec: {
      containers: [
        {
          command: launch.display.slice(0, 1),
          args: launch.display.slice(1),
          image: launch.image,
          name: "main",
          ports: [{ containerPort: pod.port, hostIP: "127.0.0.1", name: "http", protocol: "TCP" }],
          ...(pod.service.healthUrl
            ? { readinessProbe: { httpGet: { url: pod.url(pod.service.healthUrl) }, periodSeconds: 1 } }
            : {}),
        },
      ],
      nodeName: "localhost",
      restartPolicy: "Always",
      terminationGracePeriodSeconds: 2,
    },
    status: {
      conditions: [
        {
          lastProbeTime: null,
          lastTransitionTime: k8sTime(pod.createdAt),
          status: "True",
          type: "PodScheduled",
        },
        {
          lastProbeTime: null,
          lastTransitionTime: k8sTime(pod.createdAt),
          status: "True",
          type: "Initialized",
        },
        { lastProbeTime: null, lastTransitionTime: readyTransition, status: cond(pod.ready), type: "Ready" },
        {
          lastProbeTime: null,
          lastTransitionTime: readyTransition,
          status: cond(pod.ready),
          type: "ContainersReady",
        },
      ],
      containerStatuses: [
        {
          containerID: current ? containerId(current) : "",
          image: launch.image,
          lastState: previous ? { terminated: terminated(previous) } : {},
          name: "main",
          ready: pod.ready,
          restartCount: pod.restartCount,
          started: running,
          state: running
            ? { running: { startedAt: k8sTime(current.startedAt) } }
            : pod.waitingReason || !current
              ? { waiting: { reason: pod.waitingReason ?? "ContainerCreating" } }
              : { terminated: terminated(current) },
        },
      ],
      hostIP: "127.0.0.1",
      phase: running || !pod.finished ? "Running" : "Failed",
      podIP: "127.0.0.1",
      qosClass: "BestEffort",
      startTime: k8sTime(pod.createdAt),
    },
  };
  return stringify(manifest, { lineWidth: 0 });
}

const cond = (b: boolean) => (b ? "True" : "False");

function containerId(run: ContainerRun): string {
  return `local://pid-${run.pid}`;
}

function terminated(run: ContainerRun) {
  return {
    containerID: containerId(run),
    exitCode: run.exitCode ?? 0,
    finishedAt: k8sTime(run.finishedAt ?? new Date()),
    reason: run.reason ?? "Error",
    startedAt: k8sTime(run.startedAt),
  };
}

/**
 * `test.log.txt` of a generated scenario: the pytest root logger's lines (docs/layouts/legacy.md#test-log) with the
 * three markers the reference parser reads (deployment start, ready, failure injection) among the usual
 * chatter (etcd/NATS restarts, the spec dict, periodic state polls, "Terminating …").
 */
import { naiveStamp } from "./clientLog.js";
import type { ScenarioPlan } from "./scenario.js";

export function testLog(plan: ScenarioPlan): string {
  const out: string[] = [];
  const log = (t: number, who: string, message: string) =>
    out.push(`[TEST] ${naiveStamp(t)} INFO ${who}: ${message}`);
  const md = "ManagedDeployment";
  const s = plan.deployStart;
  log(s - 10, md, "Restarting dynamo-platform-etcd app.kubernetes.io/component=etcd");
  log(s - 5, md, "Restarted dynamo-platform-etcd app.kubernetes.io/component=etcd");
  log(s - 5, md, "Restarting dynamo-platform-nats app.kubernetes.io/component=nats");
  log(s, md, "Restarted dynamo-platform-nats app.kubernetes.io/component=nats");
  log(s, md, `Starting Deployment fault-tolerance-test with spec <tests.utils.managed_deployment.DeploymentSpec object at 0x7f${(0x1000000 + plan.index * 2654435761).toString(16).slice(-8)}>`); // prettier-ignore
  const services = [...new Set(plan.pods.map((p) => p.service))]
    .map(
      (svc) =>
        `'${svc}': {'dynamoNamespace': '${plan.namespace}', 'componentType': '${svc === "Frontend" ? "frontend" : "worker"}', 'replicas': ${plan.group.endsWith("dp-2") ? 2 : 1}}`,
    )
    .join(", ");
  log(s, md, `{'apiVersion': 'nvidia.com/v1alpha1', 'kind': 'DynamoGraphDeployment', 'metadata': {'name': 'fault-tolerance-test', 'namespace': 'fault-tolerance-test', 'annotations': {'nvidia.com/enable-grove': 'false'}}, 'spec': {'services': {${services}}, 'envs': [{'name': 'DYN_LOGGING_JSONL', 'value': 'true'}, {'name': 'DYN_LOG', 'value': 'info'}]}}`); // prettier-ignore
  log(s, md, "Deployment Started fault-tolerance-test");
  log(s, md, "Waiting for Deployment fault-tolerance-test");
  for (let t = s + 61; t < plan.ready; t += 61) {
    log(t, md, "Current deployment state: pending");
    log(t, md, `Current conditions: [{'lastTransitionTime': '${naiveStamp(s + 1)}Z', 'message': 'Resources not ready: fault-tolerance-test-vllmdecodeworker: pods not ready', 'reason': 'some resources are not ready', 'status': 'False', 'type': 'Ready'}]`); // prettier-ignore
    log(t, md, `Elapsed time: ${(t - s).toFixed(1)}s / 1800s`);
    log(t, md, "Deployment not ready yet - Ready condition: False, State successful: False");
  }
  log(plan.ready, md, "Current deployment state: successful");
  log(plan.ready, md, `Current conditions: [{'lastTransitionTime': '${naiveStamp(plan.ready)}Z', 'message': 'All resources are ready', 'reason': 'all_resources_are_ready', 'status': 'True', 'type': 'Ready'}]`); // prettier-ignore
  log(plan.ready, md, `Elapsed time: ${(plan.ready - s).toFixed(1)}s / 1800s`);
  log(plan.ready, md, "Deployment fault-tolerance-test is ready");
  if (plan.fault !== null && plan.target) {
    const node = `test_fault_scenario[${plan.group}-${plan.failure}]`;
    const { service, command, signal } = plan.target;
    log(plan.fault, node, `Injecting failure for: Failure(time=30, pod_name='${service}', command='${command}', signal='${signal}', replicas=1)`); // prettier-ignore
    if (command !== "delete_pod") log(plan.fault, node, `Terminating ${service} Pid 1 Command ${command}`);
  }
  return out.join("\n") + "\n";
}

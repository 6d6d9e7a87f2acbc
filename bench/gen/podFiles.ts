/**
 * The per-service pod folders of a generated scenario (docs/layouts/legacy.md#service-folders): for every pod `<pod>.log`,
 * `<pod>.previous.log` (empty unless the container restarted), `<pod>.metrics.log` and `<pod>.yaml`;
 * a pod deleted by a `*_pod` failure has the `.before_delete` variants instead.
 *
 * Logs mix Dynamo's JSONL lines (`time` with µs and `Z`) with vLLM's plain and ANSI-coloured lines, as
 * in the samples. Ready lines (`added model`, `VllmWorker for … has been initialized`) appear at every
 * (re)start; each log is padded with realistic start-up and periodic lines up to `podLogLines` lines.
 */
import { Random } from "./random.js";
import type { Incarnation, Pod, ScenarioPlan } from "./scenario.js";

export interface GeneratedFile {
  /** Path relative to the scenario directory. */
  path: string;
  text: string;
}

const ESC = "\u001b";

function jsonStamp(t: number): string {
  const us = Math.floor(t * 1e6);
  const iso = new Date(Math.floor(us / 1000)).toISOString();
  return `${iso.slice(0, 23)}${String(us % 1000).padStart(3, "0")}Z`;
}

/** vLLM's own logger: `MM-DD HH:MM:SS`, no year (so not a timestamp the reference parser reads). */
function vllmStamp(t: number): string {
  const iso = new Date(Math.floor(t) * 1000).toISOString();
  return `${iso.slice(5, 10)} ${iso.slice(11, 19)}`;
}

function jsonLine(
  t: number,
  file: string,
  line: number,
  target: string,
  message: string,
  extra = "",
): string {
  return `{"time":"${jsonStamp(t)}","level":"INFO","file":"${file}","line":${line},"target":"${target}","message":"${message}"${extra}}`;
}

function jsonError(t: number, message: string): string {
  return `{"time":"${jsonStamp(t)}","level":"ERROR","file":"lib/llm/src/http/service/openai.rs","line":103,"target":"dynamo_llm::http::service::openai","message":"${message}"}`;
}

const ENGINE = (pid: number) => `${ESC}[1;36m(EngineCore_0 pid=${pid})${ESC}[0;0m`;

const WORKER_STARTUP_NOISE = [
  "[parallel_state.py:1134] rank 0 in world size 1 is assigned as DP rank 0, PP rank 0, TP rank 0, EP rank 0",
  "[topk_topp_sampler.py:50] Using FlashInfer for top-p & top-k sampling.",
  "[gpu_model_runner.py:1926] Starting to load model Qwen/Qwen3-0.6B...",
  "[cuda.py:328] Using Flash Attention backend on V1 engine.",
  "[weight_utils.py:296] Using model weights format ['*.safetensors']",
  "[backends.py:530] Using cache directory: /root/.cache/vllm/torch_compile_cache/8d5e2f1c0a/rank_0_0/backbone for vLLM's torch.compile",
  "[backends.py:541] Dynamo bytecode transform time: 6.12 s",
  "[backends.py:194] Cache the graph for dynamic shape for later use",
  "[monitor.py:34] torch.compile takes 9.87 s in total",
  "[gpu_worker.py:276] Available KV cache memory: 61.93 GiB",
  "[kv_cache_utils.py:849] GPU KV cache size: 579,840 tokens",
  "[kv_cache_utils.py:853] Maximum concurrency for 40,960 tokens per request: 14.16x",
  "[gpu_model_runner.py:2708] Graph capturing finished in 5 secs, took 0.84 GiB",
]; // prettier-ignore

const FRONTEND_NOISE = [
  ["lib/llm/src/http/service/service_v2.rs", 214, "dynamo_llm::http::service::service_v2", "request", ',"method":"POST","uri":"/v1/chat/completions","status":200'],
  ["lib/runtime/src/transports/etcd.rs", 425, "dynamo_runtime::transports::etcd", "watching prefix", ',"prefix":"models/"'],
  ["lib/llm/src/kv_router/scheduler.rs", 212, "dynamo_llm::kv_router::scheduler", "selected worker", ',"worker_id":7587888312735425030,"overlap_blocks":0'],
  ["lib/runtime/src/pipeline/network/tcp/server.rs", 142, "dynamo_runtime::pipeline::network::tcp::server", "tcp stream closed", ',"peer":"10.244.3.150:44312"'],
] as const; // prettier-ignore

/** Lines of one container run of a Frontend pod, as [time, text]. */
function frontendLines(
  plan: ScenarioPlan,
  inc: Incarnation,
  rng: Random,
  target: number,
): [number, string][] {
  const out: [number, string][] = [];
  out.push([
    inc.start,
    "/opt/dynamo/venv/lib/python3.12/site-packages/torch/cuda/__init__.py:63: FutureWarning: The pynvml package is deprecated.",
  ]);
  const t0 = inc.start + rng.between(0.3, 0.8);
  out.push([t0, jsonLine(t0, "lib/runtime/src/distributed.rs", 118, "dynamo_runtime::distributed", "Distributed runtime initialized", ',"etcd":"dynamo-platform-etcd:2379"')]); // prettier-ignore
  out.push([t0 + 0.4, jsonLine(t0 + 0.4, "lib/llm/src/http/service/service_v2.rs", 243, "dynamo_llm::http::service::service_v2", "Starting HTTP(S) service", ',"address":"0.0.0.0:8000","protocol":"HTTP"')]); // prettier-ignore
  for (const r of plan.registrations) {
    if (r < inc.start || r > inc.end) continue;
    out.push([r, jsonLine(r, "lib/llm/src/discovery/watcher.rs", 166, "dynamo_llm::discovery::watcher", "added model", `,"model_name":"Qwen/Qwen3-0.6B","namespace":"${plan.namespace}"`)]); // prettier-ignore
    out.push([r + 0.0004, jsonLine(r + 0.0004, "lib/llm/src/discovery/watcher.rs", 341, "dynamo_llm::discovery::watcher", "Chat completions is ready")]); // prettier-ignore
    out.push([r + 0.0007, jsonLine(r + 0.0007, "lib/llm/src/discovery/watcher.rs", 371, "dynamo_llm::discovery::watcher", "Completions is ready")]); // prettier-ignore
  }
  for (const r of plan.removals) {
    if (r < inc.start || r > inc.end) continue;
    out.push([r, jsonLine(r, "lib/llm/src/discovery/watcher.rs", 182, "dynamo_llm::discovery::watcher", "removed model", ',"model_name":"Qwen/Qwen3-0.6B"')]); // prettier-ignore
  }
  for (const phase of plan.outage) {
    if (plan.fault === null || phase.kind !== "no_responders") continue;
    for (let t = plan.fault + phase.from; t < plan.fault + phase.to; t += rng.between(0.3, 0.9)) {
      if (t > inc.start && t < inc.end)
        out.push([t, jsonError(t, "Internal server error: Failed to generate completions: no responders")]);
    }
  }
  if (inc.endedBy === "sigint") {
    out.push([inc.end, jsonLine(inc.end, "lib/runtime/src/runtime.rs", 151, "dynamo_runtime::runtime", "Received SIGINT, shutting down")]); // prettier-ignore
  }
  const from = Math.max(inc.ready, t0 + 1);
  for (let i = out.length; i < target; i++) {
    const t = rng.between(from, inc.end);
    const [file, line, tgt, message, extra] = rng.pick(FRONTEND_NOISE);
    out.push([t, jsonLine(t, file, line, tgt, message, extra)]);
  }
  return out;
}

/** Lines of one container run of a vLLM worker pod, as [time, text]. */
function workerLines(
  plan: ScenarioPlan,
  pod: Pod,
  inc: Incarnation,
  rng: Random,
  target: number,
): [number, string][] {
  const role = pod.service === "VllmPrefillWorker" ? "prefill" : "decode";
  const pid = rng.int(180, 480);
  const out: [number, string][] = [];
  const s = inc.start;
  const r = inc.ready;
  const span = Math.max(1, r - s - 1);
  const at = (f: number) => s + 0.5 + span * f;
  out.push([s, `INFO ${vllmStamp(s)} [__init__.py:216] Automatically detected platform cuda.`]);
  out.push([s + 1, jsonLine(s + 1, "/opt/dynamo/venv/lib/python3.12/site-packages/dynamo/vllm/main.py", 72, "main", `Initializing Dynamo runtime for ${role} worker`)]); // prettier-ignore
  out.push([at(0.1), `${ENGINE(pid)} INFO ${vllmStamp(at(0.1))} [core.py:76] Initializing a V1 LLM engine (v0.10.1.1) with config: model='Qwen/Qwen3-0.6B', speculative_config=None, tokenizer='Qwen/Qwen3-0.6B', dtype=torch.bfloat16, max_seq_len=40960, tensor_parallel_size=1, seed=0`]); // prettier-ignore
  out.push([at(0.2), "Loading safetensors checkpoint shards: 100% Completed | 1/1 [00:00<00:00,  3.41it/s]"]);
  out.push([at(0.25), `${ENGINE(pid)} INFO ${vllmStamp(at(0.25))} [gpu_model_runner.py:1953] Model loading took 1.1201 GiB and ${(span * 0.2).toFixed(6)} seconds`]); // prettier-ignore
  out.push([at(0.8), "Capturing CUDA graphs (mixed prefill-decode, PIECEWISE): 100%|██████████| 67/67 [00:04<00:00, 15.21it/s]"]); // prettier-ignore
  out.push([at(0.9), `${ENGINE(pid)} INFO ${vllmStamp(at(0.9))} [core.py:214] init engine (profile, create kv cache, warmup model) took ${(span * 0.6).toFixed(2)} seconds`]); // prettier-ignore
  out.push([r - 0.35, jsonLine(r - 0.35, "lib/runtime/src/component/endpoint.rs", 97, "dynamo_runtime::component::endpoint", "Registering endpoint", `,"endpoint":"generate","namespace":"${plan.namespace}"`)]); // prettier-ignore
  out.push([r, jsonLine(r, "/opt/dynamo/venv/lib/python3.12/site-packages/dynamo/vllm/main.py", 255, "main", "VllmWorker for Qwen/Qwen3-0.6B has been initialized")]); // prettier-ignore
  for (let t = r + 5; t < inc.end; t += 10) {
    const line =
      `INFO ${vllmStamp(t)} [loggers.py:123] Engine 000: Avg prompt throughput: ${rng.between(600, 900).toFixed(1)} tokens/s, ` +
      `Avg generation throughput: ${rng.between(730, 950).toFixed(1)} tokens/s, Running: ${rng.int(3, 10)} reqs, Waiting: 0 reqs, ` +
      `GPU KV cache usage: ${rng.between(0.5, 2.1).toFixed(1)}%, Prefix cache hit rate: ${rng.between(7, 17).toFixed(1)}%`;
    out.push([t, line]);
  }
  // Start-up chatter (compilation, KV cache sizing, NCCL…) fills the rest: real worker logs are long.
  for (let i = out.length; i < target; i++) {
    const t = at(rng.between(0.05, 0.95));
    out.push([t, `${ENGINE(pid)} INFO ${vllmStamp(t)} ${rng.pick(WORKER_STARTUP_NOISE)}`]);
  }
  return out;
}

function logText(lines: [number, string][]): string {
  // kubectl logs joined with "\n" and no trailing newline (docs/layouts/legacy.md#service-folders).
  return lines
    .sort((a, b) => a[0] - b[0])
    .map((l) => l[1])
    .join("\n");
}

const GPU_RESOURCES =
  "\n      limits:\n        nvidia.com/gpu: '1'\n      requests:\n        nvidia.com/gpu: '1'";

function podYaml(plan: ScenarioPlan, pod: Pod, rng: Random): string {
  const frontend = pod.service === "Frontend";
  const cur = pod.incarnations[pod.incarnations.length - 1]!;
  const prev = pod.incarnations.length > 1 ? pod.incarnations[pod.incarnations.length - 2] : undefined;
  const iso = (t: number) => new Date(Math.floor(t) * 1000).toISOString().replace(".000Z", "Z");
  const args = frontend
    ? "python3 -m dynamo.frontend --http-port 8000"
    : `python3 -m dynamo.vllm --model Qwen/Qwen3-0.6B${pod.service === "VllmPrefillWorker" ? " --is-prefill-worker" : ""}`;
  const port = frontend ? 8000 : 9090;
  const cid = rng.hex(8);
  const lastState = prev
    ? `
    lastState:
      terminated:
        containerID: 'containerd://${"0".repeat(56)}${rng.hex(8)}'
        exitCode: ${prev.endedBy === "sigint" ? 0 : 137}
        finishedAt: '${iso(prev.end)}'
        reason: ${prev.endedBy === "sigint" ? "Completed" : "Error"}
        startedAt: '${iso(prev.start)}'`
    : "\n    lastState: {}";
  return `apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: '${iso(pod.created)}'
  generateName: fault-tolerance-test-${pod.service.toLowerCase()}-${pod.templateHash}-
  labels:
    nvidia.com/dynamo-component: ${pod.service}
    nvidia.com/dynamo-namespace: ${plan.namespace}
    nvidia.com/selector: fault-tolerance-test-${pod.service.toLowerCase()}
    pod-template-hash: ${pod.templateHash}
  name: ${pod.name}
  namespace: fault-tolerance-test
  ownerReferences:
  - apiVersion: apps/v1
    blockOwnerDeletion: true
    controller: true
    kind: ReplicaSet
    name: fault-tolerance-test-${pod.service.toLowerCase()}-${pod.templateHash}
    uid: ${rng.hex(8)}-0000-4000-8000-${rng.hex(12)}
  resourceVersion: '${rng.int(1000000, 1999999)}'
  uid: ${rng.hex(8)}-1111-4000-8000-${rng.hex(12)}
spec:
  containers:
  - args:
    - '${args}'
    command:
    - /bin/sh
    - '-c'
    image: 'nvcr.io/nvidia/ai-dynamo/vllm-runtime:0.5.0'
    name: main
    ports:
    - containerPort: ${port}
      name: ${frontend ? "http" : "system"}
      protocol: TCP
    readinessProbe:
      failureThreshold: 3
      httpGet:
        path: ${frontend ? "/health" : "/live"}
        port: ${port}
        scheme: HTTP
      initialDelaySeconds: ${frontend ? 20 : 60}
      periodSeconds: 10
      successThreshold: 1
      timeoutSeconds: 5
    resources:${frontend ? " {}" : GPU_RESOURCES}
  nodeName: aks-a100-${rng.int(0, 7)}
  restartPolicy: Always
  terminationGracePeriodSeconds: 60
status:
  conditions:
  - lastProbeTime: null
    lastTransitionTime: '${iso(pod.created + 1)}'
    status: 'True'
    type: PodScheduled
  - lastProbeTime: null
    lastTransitionTime: '${iso(cur.start)}'
    status: 'True'
    type: Initialized
  - lastProbeTime: null
    lastTransitionTime: '${iso(cur.ready + 5)}'
    status: 'True'
    type: Ready
  - lastProbeTime: null
    lastTransitionTime: '${iso(cur.ready + 5)}'
    status: 'True'
    type: ContainersReady
  containerStatuses:
  - containerID: 'containerd://${"0".repeat(56)}${cid}'
    image: 'nvcr.io/nvidia/ai-dynamo/vllm-runtime:0.5.0'
    imageID: 'nvcr.io/nvidia/ai-dynamo/vllm-runtime@sha256:${"0".repeat(56)}d3c3e0ea'${lastState}
    name: main
    ready: true
    restartCount: ${pod.incarnations.length - 1}
    started: true
    state:
      running:
        startedAt: '${iso(cur.start)}'
  hostIP: 10.224.0.${rng.int(2, 12)}
  phase: Running
  podIP: 10.244.${rng.int(1, 7)}.${rng.int(2, 250)}
  qosClass: ${frontend ? "BestEffort" : "Burstable"}
  startTime: '${iso(pod.created + 1)}'
`;
}

function metricsText(plan: ScenarioPlan, pod: Pod, rng: Random): string {
  const n = rng.int(200, 900);
  const cur = pod.incarnations[pod.incarnations.length - 1]!;
  if (pod.service === "Frontend") {
    return `# HELP dynamo_frontend_inflight_requests Number of inflight requests
# TYPE dynamo_frontend_inflight_requests gauge
dynamo_frontend_inflight_requests{model="qwen/qwen3-0.6b"} 0
# HELP dynamo_frontend_requests_total Total number of LLM requests processed
# TYPE dynamo_frontend_requests_total counter
dynamo_frontend_requests_total{endpoint="chat_completions",model="qwen/qwen3-0.6b",request_type="unary",status="success"} ${n}
dynamo_frontend_requests_total{endpoint="chat_completions",model="qwen/qwen3-0.6b",request_type="unary",status="error"} ${rng.int(0, 60)}
# HELP dynamo_frontend_request_duration_seconds Duration of LLM requests
# TYPE dynamo_frontend_request_duration_seconds histogram
dynamo_frontend_request_duration_seconds_sum{model="qwen/qwen3-0.6b"} ${(n * rng.between(1.15, 1.25)).toFixed(3)}
dynamo_frontend_request_duration_seconds_count{model="qwen/qwen3-0.6b"} ${n}
`;
  }
  const component = pod.service === "VllmPrefillWorker" ? "prefill" : "backend";
  const labels = `dynamo_component="${component}",dynamo_endpoint="generate",dynamo_namespace="${plan.namespace}"`;
  return `# HELP dynamo_component_requests_total Total number of requests processed by work handler
# TYPE dynamo_component_requests_total counter
dynamo_component_requests_total{${labels}} ${n}
# HELP dynamo_component_request_duration_seconds Time spent processing requests
# TYPE dynamo_component_request_duration_seconds histogram
dynamo_component_request_duration_seconds_sum{${labels}} ${(n * rng.between(1.1, 1.9)).toFixed(4)}
dynamo_component_request_duration_seconds_count{${labels}} ${n}
# HELP dynamo_component_uptime_seconds Uptime of the process
# TYPE dynamo_component_uptime_seconds gauge
dynamo_component_uptime_seconds ${(cur.end - cur.start).toFixed(3)}
`;
}

/** Every file of every service folder of the scenario. */
export function podFiles(plan: ScenarioPlan, podLogLines: number, seed: number): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  plan.pods.forEach((pod, p) => {
    const rng = new Random(seed, plan.index, 1000 + p);
    const lines = (inc: Incarnation) =>
      logText(
        pod.service === "Frontend"
          ? frontendLines(plan, inc, rng, podLogLines)
          : workerLines(plan, pod, inc, rng, podLogLines),
      );
    const n = pod.incarnations.length;
    const current = lines(pod.incarnations[n - 1]!);
    const previous = n > 1 ? lines(pod.incarnations[n - 2]!) : "";
    const base = `${pod.service}/${pod.name}`;
    const sfx = pod.deleted ? ".before_delete" : "";
    files.push({ path: `${base}${sfx}.log`, text: current });
    files.push({ path: `${base}${sfx}.previous.log`, text: previous });
    files.push({ path: `${base}.metrics${sfx}.log`, text: metricsText(plan, pod, rng) });
    files.push({ path: `${base}${sfx}.yaml`, text: podYaml(plan, pod, rng) });
  });
  return files;
}

/**
 * The built-in decode / prefill worker (`dynamo.vllm` in the reference deployments).
 *
 *   start ─► fork engine core ─► wait for the engine (model load) ─► listen ─► register (lease)
 *         ─► "VllmWorker for <model> has been initialized"   (the reference ready line)
 *
 * Internal API used by the built-in frontend: `POST /generate` streams NDJSON (`{"t": token}` lines,
 * then `{"finish_reason", "usage"}`); `POST /prefill` answers when the prompt is prefilled. Also
 * `GET /health` (200 once initialized), `/live`, `/metrics`. SIGINT/SIGTERM: graceful (deregister,
 * exit 0). Engine-core death: in-flight streams are cut, the error is logged, exit 1 without
 * deregistering (the lease expires), as vLLM's EngineDeadError does.
 */
import { fork, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { fileURLToPath } from "node:url";
import { exitWithParent, readConfig } from "./config.js";
import { Lease } from "./discovery.js";
import type { FromCore, ToCore } from "./engineCore.js";
import { loggerFor, vllmLine } from "./log.js";
import { LATENCY_BUCKETS, Registry } from "./metrics.js";
import { token } from "./text.js";

const config = readConfig();
const log = loggerFor(import.meta.url, "main");
const role = config.role === "prefill" ? "prefill" : "decode";
const startedAt = Date.now();
const metrics = new Registry();
const labels = {
  dynamo_component: role === "prefill" ? "prefill" : "backend",
  dynamo_endpoint: "generate",
  dynamo_namespace: config.namespace,
};

interface Pending {
  onPrefilled?: () => void;
  onTokens?: () => void;
  onDone?: () => void;
}
const pending = new Map<string, Pending>();
const sockets = new Set<Socket>();
let ready = false;
let shuttingDown = false;
let lease: Lease | undefined;

exitWithParent();
process.stdout.write(
  vllmLine("INFO", "__init__.py:216", "Automatically detected platform cpu (ftparse simulated worker)."),
);
log.info(`Initializing Dynamo runtime for ${role} worker`);

const core: ChildProcess = fork(
  fileURLToPath(new URL("./engineCore.js", import.meta.url)),
  ["VLLM::EngineCore"],
  {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  },
);
core.on("message", (m: FromCore) => {
  if (m.type === "ready") return void onEngineReady();
  if (m.type === "tokens") {
    for (const id of m.ids) pending.get(id)?.onTokens?.();
    return;
  }
  const p = pending.get(m.id);
  if (m.type === "prefilled") p?.onPrefilled?.();
  if (m.type === "done") p?.onDone?.();
});
core.on("exit", () => {
  if (shuttingDown) return;
  log.error("EngineCore encountered a fatal error.");
  process.stdout.write(
    "vllm.v1.engine.exceptions.EngineDeadError: EngineCore encountered an issue. See stack trace (above) for the root cause.\n",
  );
  // In-flight requests end abruptly: the frontend sees the stream end before generation completed.
  for (const s of sockets) s.destroy();
  process.exit(1);
});

const server = createServer((req, res) => {
  handle(req, res).catch((e: unknown) => {
    log.error(`request failed: ${(e as Error).message}`);
    if (!res.headersSent) res.writeHead(500).end();
    else res.destroy();
  });
});
server.on("connection", (s) => {
  sockets.add(s);
  s.on("close", () => sockets.delete(s));
});

async function onEngineReady(): Promise<void> {
  // Listening only now: a worker that is still loading refuses connections, as a real one does.
  await new Promise<void>((resolve) => server.listen(config.port, "127.0.0.1", resolve));
  log.info("Registering endpoint", { endpoint: "generate", namespace: config.namespace });
  lease = new Lease(
    config.discoveryDir,
    {
      pod: config.pod,
      service: config.service,
      role,
      model: config.model,
      url: `http://127.0.0.1:${config.port}`,
      instanceId: randomBytes(8).toString("hex"),
    },
    config.leaseTtlS,
  );
  lease.grant();
  ready = true;
  log.info(`VllmWorker for ${config.model} has been initialized`);
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? "/").replace(/\/+/g, "/").split("?")[0];
  if (req.method === "GET" && (path === "/health" || path === "/live")) {
    const ok = ready && !shuttingDown;
    return json(res, ok ? 200 : 503, { status: ok ? "ready" : "notready", role, model: config.model });
  }
  if (req.method === "GET" && path === "/metrics") {
    metrics.set(
      "dynamo_component_uptime_seconds",
      "Uptime of the process",
      {},
      (Date.now() - startedAt) / 1000,
    );
    res.writeHead(200, { "content-type": "text/plain; version=0.0.4" });
    return void res.end(metrics.text());
  }
  if (req.method === "POST" && (path === "/generate" || path === "/prefill")) {
    const body = JSON.parse(await readBody(req)) as {
      promptTokens?: number;
      maxTokens?: number;
      prefilled?: boolean;
    };
    if (!ready || shuttingDown) return json(res, 503, { error: "worker not ready" });
    return path === "/prefill" ? prefill(res, body.promptTokens ?? 0) : generate(res, body);
  }
  json(res, 404, { error: "Not Found" });
}

function prefill(res: ServerResponse, promptTokens: number): void {
  const id = randomBytes(8).toString("hex");
  const t0 = Date.now();
  inflight(+1);
  pending.set(id, {
    onDone: () => {
      pending.delete(id);
      inflight(-1);
      observe(t0);
      json(res, 200, { kv_transfer_params: { remote_block_ids: [id], remote_engine_id: config.pod } });
    },
  });
  res.on("close", () => abort(id));
  toCore({ type: "add", id, promptTokens, maxTokens: 0, prefill: true });
}

function generate(
  res: ServerResponse,
  body: { promptTokens?: number; maxTokens?: number; prefilled?: boolean },
): void {
  const id = randomBytes(8).toString("hex");
  const maxTokens = Math.max(1, Math.floor(body.maxTokens ?? 16));
  const t0 = Date.now();
  let produced = 0;
  inflight(+1);
  res.writeHead(200, { "content-type": "application/x-ndjson" });
  pending.set(id, {
    onTokens: () => void res.write(JSON.stringify({ t: token(produced++) }) + "\n"),
    onDone: () => {
      pending.delete(id);
      inflight(-1);
      observe(t0);
      res.end(
        JSON.stringify({
          finish_reason: "length",
          usage: { prompt_tokens: body.promptTokens ?? 0, completion_tokens: produced },
        }) + "\n",
      );
    },
  });
  res.on("close", () => abort(id));
  toCore({ type: "add", id, promptTokens: body.promptTokens ?? 0, maxTokens, prefill: !body.prefilled });
}

function abort(id: string): void {
  if (!pending.has(id)) return;
  pending.delete(id);
  inflight(-1);
  toCore({ type: "abort", id });
}

function toCore(m: ToCore): void {
  if (core.connected) core.send(m);
}

function inflight(by: number): void {
  metrics.add("dynamo_component_inflight_requests", "Number of requests in flight", labels, by);
}

function observe(t0: number): void {
  metrics.inc(
    "dynamo_component_requests_total",
    "Total number of requests processed by work handler",
    labels,
  );
  metrics.observe(
    "dynamo_component_request_duration_seconds",
    "Time spent processing requests",
    labels,
    (Date.now() - t0) / 1000,
    LATENCY_BUCKETS,
  );
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8") || "{}"));
    req.on("error", reject);
  });
}

function shutdown(signal: string): void {
  if (shuttingDown) return;
  shuttingDown = true;
  log.info(`Received ${signal}, shutting down`);
  lease?.revoke();
  server.close();
  for (const s of sockets) s.destroy();
  core.kill("SIGTERM");
  process.exit(0);
}
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));

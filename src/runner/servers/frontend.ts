/**
 * The built-in OpenAI-compatible frontend (`dynamo.frontend` in the reference deployments).
 *
 *   client ─► POST /v1/chat/completions ─► [prefill worker: POST /prefill] ─► decode worker: POST /generate
 *
 * Workers are found through the discovery folder (discovery.ts); a model is served while at least one
 * decode worker holds a live lease ("added model" / "removed model", the reference ready line is the
 * first). Workers are picked round-robin. Failures surface as Dynamo's do: a worker that refuses the
 * connection → 500 "no responders"; a stream cut mid-generation → 500 "stream ended before generation
 * completed"; a prefill cut → 500 "remote prefill failed"; no model → 404 "Model not found". Prefill
 * workers are used when any is registered; without one, decode workers prefill locally.
 *
 * Also `GET /v1/models`, `/health`, `/live`, `/metrics` (Prometheus text). SIGINT/SIGTERM: in-flight
 * connections are dropped and the process exits 0 (a container "Completed").
 */
import { randomBytes } from "node:crypto";
import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { exitWithParent, jittered, readConfig, sleep } from "./config.js";
import { liveRegistrations, type Registration } from "./discovery.js";
import { DynamoLogger, loggerFor } from "./log.js";
import { LATENCY_BUCKETS, Registry } from "./metrics.js";
import { promptTokens } from "./text.js";

const config = readConfig();
const log = loggerFor(import.meta.url, "dynamo_llm::http::service::openai");
const watcherLog = loggerFor(import.meta.url, "dynamo_llm::discovery::watcher");
const runtimeLog = loggerFor(import.meta.url, "dynamo_runtime::runtime");
const metrics = new Registry();
const modelLabel = config.model.toLowerCase();
const sockets = new Set<Socket>();
const startedSec = Math.floor(Date.now() / 1000);

let decodeWorkers: Registration[] = [];
let prefillWorkers: Registration[] = [];
let modelPresent = false;
let hadPrefill = false;
let rrDecode = 0;
let rrPrefill = 0;

exitWithParent();
runtimeLog.info("Distributed runtime initialized", { discovery: config.discoveryDir });
await sleep(jittered(config.startupS * 1000, config.jitter));

const server = createServer((req, res) => {
  handle(req, res).catch((e: unknown) => {
    log.error(`Internal server error: ${(e as Error).message}`);
    if (!res.headersSent) json(res, 500, { error: (e as Error).message });
    else res.destroy();
  });
});
server.on("connection", (s) => {
  sockets.add(s);
  s.on("close", () => sockets.delete(s));
});
await new Promise<void>((resolve) => server.listen(config.port, "127.0.0.1", resolve));
new DynamoLogger("ftparse/runner/servers/frontend.js", "dynamo_llm::http::service::service_v2").info(
  "Starting HTTP(S) service",
  { address: `127.0.0.1:${config.port}`, protocol: "HTTP" },
);
watchDiscovery();
setInterval(watchDiscovery, 250).unref();

function watchDiscovery(): void {
  const live = liveRegistrations(config.discoveryDir, config.leaseTtlS).filter(
    (r) => r.model === config.model,
  );
  decodeWorkers = live.filter((r) => r.role === "decode");
  prefillWorkers = live.filter((r) => r.role === "prefill");
  const present = decodeWorkers.length > 0;
  if (present && !modelPresent) {
    watcherLog.info("added model", { model_name: config.model, namespace: config.namespace });
    watcherLog.info("Chat completions is ready");
  } else if (!present && modelPresent) {
    watcherLog.info("removed model", { model_name: config.model });
  }
  if (hadPrefill && prefillWorkers.length === 0) {
    watcherLog.warn("no prefill worker available: decode workers prefill locally", {
      model_name: config.model,
    });
  }
  modelPresent = present;
  hadPrefill = prefillWorkers.length > 0;
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? "/").replace(/\/+/g, "/").split("?")[0];
  if (req.method === "GET" && (path === "/health" || path === "/live")) {
    return json(res, 200, {
      status: "healthy",
      endpoints: modelPresent ? ["/v1/chat/completions"] : [],
      instances: [...decodeWorkers, ...prefillWorkers].map((r) => ({ pod: r.pod, role: r.role })),
    });
  }
  if (req.method === "GET" && path === "/metrics") {
    res.writeHead(200, { "content-type": "text/plain; version=0.0.4" });
    return void res.end(metrics.text());
  }
  if (req.method === "GET" && path === "/v1/models") {
    const data = modelPresent
      ? [{ id: config.model, object: "model", created: startedSec, owned_by: "ftparse-sim" }]
      : [];
    return json(res, 200, { object: "list", data });
  }
  if (req.method === "POST" && path === "/v1/chat/completions") return chat(req, res);
  json(res, 404, { error: "Not Found" });
}
interface ChatBody {
  model?: unknown;
  messages?: unknown;
  max_tokens?: unknown;
  max_completion_tokens?: unknown;
  stream?: unknown;
}

async function chat(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let body: ChatBody;
  try {
    body = JSON.parse(await readBody(req)) as ChatBody;
  } catch (e) {
    return json(res, 400, { error: `Failed to parse the request body as JSON: ${(e as Error).message}` });
  }
  if (typeof body !== "object" || body === null || !Array.isArray(body.messages)) {
    return json(res, 400, { error: "messages: a list of chat messages is required" });
  }
  if (body.model !== config.model || !modelPresent || decodeWorkers.length === 0) {
    return json(res, 404, { error: "Model not found" });
  }
  const stream = body.stream === true;
  const requestType = stream ? "stream" : "unary";
  const maxTokens = Number(body.max_completion_tokens ?? body.max_tokens ?? 100);
  const prompt = promptTokens(body.messages);
  const id = `chatcmpl-${randomBytes(16).toString("hex")}`;
  const created = Math.floor(Date.now() / 1000);
  const t0 = Date.now();
  metrics.add("dynamo_frontend_inflight_requests", "Number of inflight requests", { model: modelLabel }, 1);
  const finish = (status: "success" | "error") => {
    metrics.add(
      "dynamo_frontend_inflight_requests",
      "Number of inflight requests",
      { model: modelLabel },
      -1,
    );
    metrics.inc("dynamo_frontend_requests_total", "Total number of LLM requests processed", {
      endpoint: "chat_completions",
      model: modelLabel,
      request_type: requestType,
      status,
    });
    metrics.observe(
      "dynamo_frontend_request_duration_seconds",
      "Duration of LLM requests",
      { model: modelLabel },
      (Date.now() - t0) / 1000,
      LATENCY_BUCKETS,
    );
  };
  const fail = (message: string) => {
    const text = `Failed to generate completions: ${message}`;
    log.error(`Internal server error: ${text}`);
    finish("error");
    if (!res.headersSent) return json(res, 500, { error: text });
    res.write(`event: error\ndata: ${JSON.stringify({ error: text })}\n\n`);
    res.end();
  };

  // 1. remote prefill, when prefill workers are registered
  let prefilled = false;
  if (prefillWorkers.length > 0) {
    const worker = prefillWorkers[rrPrefill++ % prefillWorkers.length]!;
    try {
      await callWorker(worker.url, "/prefill", { promptTokens: prompt }, () => {}, res);
      prefilled = true;
    } catch (e) {
      return fail(
        e instanceof UpstreamError && e.kind === "refused" ? "no responders" : "remote prefill failed",
      );
    }
  }

  // 2. decode, streaming tokens back
  const worker = decodeWorkers[rrDecode++ % decodeWorkers.length]!;
  const tokens: string[] = [];
  let usage = { prompt_tokens: prompt, completion_tokens: 0 };
  let finishReason = "length";
  const chunk = (delta: Record<string, unknown>, reason: string | null) =>
    `data: ${JSON.stringify({
      id,
      choices: [{ index: 0, delta, finish_reason: reason }],
      created,
      model: config.model,
      object: "chat.completion.chunk",
    })}\n\n`;
  try {
    await callWorker(
      worker.url,
      "/generate",
      { promptTokens: prompt, maxTokens, prefilled },
      (line) => {
        if (typeof line.t === "string") {
          if (stream) {
            if (!res.headersSent) res.writeHead(200, { "content-type": "text/event-stream" });
            res.write(
              chunk(tokens.length === 0 ? { role: "assistant", content: line.t } : { content: line.t }, null),
            );
          }
          tokens.push(line.t);
        } else if (line.finish_reason) {
          finishReason = String(line.finish_reason);
          const u = line.usage as { completion_tokens?: number } | undefined;
          usage = { prompt_tokens: prompt, completion_tokens: u?.completion_tokens ?? tokens.length };
        }
      },
      res,
    );
  } catch (e) {
    return fail(
      e instanceof UpstreamError && e.kind === "refused"
        ? "no responders"
        : "stream ended before generation completed",
    );
  }
  const totalUsage = { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens };
  finish("success");
  if (stream) {
    if (!res.headersSent) res.writeHead(200, { "content-type": "text/event-stream" });
    res.write(chunk({}, finishReason));
    res.end("data: [DONE]\n\n");
    return;
  }
  json(res, 200, {
    id,
    choices: [
      { index: 0, message: { content: tokens.join(""), role: "assistant" }, finish_reason: finishReason },
    ],
    created,
    model: config.model,
    object: "chat.completion",
    usage: totalUsage,
  });
}

class UpstreamError extends Error {
  constructor(readonly kind: "refused" | "broken") {
    super(kind);
  }
}

/**
 * POST to a worker and feed each NDJSON line of the answer to `onLine`. Rejects with "refused" when no
 * connection could be made (or the worker is not serving yet) and "broken" when the stream ended
 * without its final line. A client that goes away cancels the upstream call.
 */
function callWorker(
  base: string,
  path: string,
  body: unknown,
  onLine: (line: Record<string, unknown>) => void,
  downstream: ServerResponse,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let connected = false;
    let done = false;
    const req = request(`${base}${path}`, {
      method: "POST",
      agent: false,
      headers: { "content-type": "application/json" },
    });
    const onClientGone = () => req.destroy();
    downstream.on("close", onClientGone);
    const settle = (err?: UpstreamError) => {
      downstream.off("close", onClientGone);
      if (err) reject(err);
      else resolve();
    };
    const feed = (line: string) => {
      let obj: Record<string, unknown>;
      try {
        obj = JSON.parse(line) as Record<string, unknown>;
      } catch {
        req.destroy();
        return settle(new UpstreamError("broken"));
      }
      if (obj.finish_reason || obj.kv_transfer_params) done = true;
      onLine(obj);
    };
    req.on("socket", (s) => s.on("connect", () => (connected = true)));
    req.on("error", () => settle(new UpstreamError(connected ? "broken" : "refused")));
    req.on("response", (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return settle(new UpstreamError("refused"));
      }
      res.setEncoding("utf8");
      let buf = "";
      res.on("data", (text: string) => {
        buf += text;
        let nl: number;
        while ((nl = buf.indexOf("\n")) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          if (line) feed(line);
        }
      });
      res.on("end", () => {
        if (buf) feed(buf);
        settle(done ? undefined : new UpstreamError("broken"));
      });
      res.on("aborted", () => settle(new UpstreamError("broken")));
      res.on("error", () => settle(new UpstreamError("broken")));
    });
    req.end(JSON.stringify(body));
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function shutdown(signal: string): void {
  runtimeLog.info(`Received ${signal}, shutting down`);
  server.close();
  for (const s of sockets) s.destroy();
  process.exit(0);
}
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));

/**
 * The built-in worker's engine core, a child process of the worker as vLLM's `VLLM::EngineCore` is:
 * it owns the clock of generation. Continuous batching: every step (`tpotMs`) produces one token for
 * each running request; a new request first spends its prefill time. It talks to the worker over the
 * IPC channel, and dies with it. Killing this process (the `*_engine_core` failures) makes the worker
 * fail its requests and exit, as a real engine-core crash does.
 */
import { jittered, readConfig, sleep } from "./config.js";
import { vllmLine } from "./log.js";

export type ToCore =
  | { type: "add"; id: string; promptTokens: number; maxTokens: number; prefill: boolean }
  | { type: "abort"; id: string };

export type FromCore =
  | { type: "ready" }
  | { type: "prefilled"; id: string }
  | { type: "tokens"; ids: string[] }
  | { type: "done"; id: string };

const config = readConfig();
const prefix = `\x1b[1;36m(EngineCore_0 pid=${process.pid})\x1b[0;0m `;
const log = (where: string, message: string) =>
  process.stdout.write(prefix + vllmLine("INFO", where, message));
const send = (m: FromCore) => process.send?.(m);

interface Running {
  left: number;
}
const running = new Map<string, Running>();
const prefilling = new Map<string, NodeJS.Timeout>();
let stepTimer: NodeJS.Timeout | undefined;
let promptTokensSeen = 0;
let tokensOut = 0;

process.on("disconnect", () => process.exit(0));
process.on("SIGINT", () => process.exit(0)); // the worker decides how to shut down
process.on("message", (m: ToCore) => {
  if (m.type === "abort") {
    running.delete(m.id);
    clearTimeout(prefilling.get(m.id));
    prefilling.delete(m.id);
    return;
  }
  promptTokensSeen += m.promptTokens;
  const prefillMs = m.prefill ? jittered(m.promptTokens * config.prefillMsPerToken, config.jitter) : 0;
  prefilling.set(
    m.id,
    setTimeout(() => {
      prefilling.delete(m.id);
      send({ type: "prefilled", id: m.id });
      if (m.maxTokens <= 0) return send({ type: "done", id: m.id });
      running.set(m.id, { left: m.maxTokens });
      scheduleStep();
    }, prefillMs),
  );
});

function scheduleStep(): void {
  if (stepTimer || running.size === 0) return;
  stepTimer = setTimeout(step, jittered(config.tpotMs, config.jitter));
}

function step(): void {
  stepTimer = undefined;
  const ids = [...running.keys()];
  send({ type: "tokens", ids });
  tokensOut += ids.length;
  for (const id of ids) {
    const r = running.get(id)!;
    if (--r.left <= 0) {
      running.delete(id);
      send({ type: "done", id });
    }
  }
  scheduleStep();
}

log(
  "core.py:76",
  `Initializing a simulated V1 LLM engine (ftparse) with config: model='${config.model}', ` +
    `tpot_ms=${config.tpotMs}, prefill_ms_per_token=${config.prefillMsPerToken}`,
);
const loadStart = Date.now();
await sleep(jittered(config.startupS * 1000 * 0.6, config.jitter));
log(
  "gpu_model_runner.py:1953",
  `Model loading took 0.0000 GiB and ${((Date.now() - loadStart) / 1000).toFixed(6)} seconds`,
);
await sleep(jittered(config.startupS * 1000 * 0.3, config.jitter));
log(
  "core.py:214",
  `init engine (profile, create kv cache, warmup model) took ${((Date.now() - loadStart) / 1000).toFixed(2)} seconds`,
);
send({ type: "ready" });

// vLLM's periodic throughput line.
setInterval(() => {
  process.stdout.write(
    vllmLine(
      "INFO",
      "loggers.py:123",
      `Engine 000: Avg prompt throughput: ${(promptTokensSeen / 10).toFixed(1)} tokens/s, ` +
        `Avg generation throughput: ${(tokensOut / 10).toFixed(1)} tokens/s, Running: ${running.size} reqs, ` +
        `Waiting: ${prefilling.size} reqs, GPU KV cache usage: 0.0%, Prefix cache hit rate: 0.0%`,
    ),
  );
  promptTokensSeen = 0;
  tokensOut = 0;
}, 10_000).unref();

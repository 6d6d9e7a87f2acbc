/**
 * The load: N clients, each an async loop that behaves like the reference's legacy client
 * (`legacy_client.py`): per request it picks a ready frontend pod round-robin (`i % ready`), makes up
 * to `1 + maxRetries` attempts (stopping at the first HTTP 200, sleeping `retryDelayS` after a failed
 * one), writes one JSON line per request to `client_<i>.log.txt` and then sleeps so as to send at most
 * `maxRequestRate` requests per second. With no ready frontend the attempt goes to port 0 and fails
 * as "connection refused", as in the reference.
 *
 * Line format: the reference's keys (`time` = completion time, second-truncated naive UTC; `results[]`
 * with `status`, `result`, `request_elapsed_time`, `url`, `pod`; `total_time`, `url`, `pod`), written
 * as Python's json.dumps does, plus two ftparse-only keys per attempt: `start_ms` and `end_ms`, epoch
 * milliseconds.
 */
import { open } from "node:fs/promises";
import { request } from "node:http";
import { join } from "node:path";
import type { Deployment } from "./deployment.js";
import { PyFloat, pyJson } from "./pyJson.js";
import type { LoadSpec } from "./scenario.js";
import { naiveUtcSeconds } from "./testLog.js";

export const ENDPOINT = "/v1/chat/completions";

export interface ClientStats {
  requests: number;
  attemptsOk: number;
  attemptsFailed: number;
}

export interface Attempt {
  status: number | string;
  result: unknown;
  request_elapsed_time: PyFloat;
  url: string;
  pod: string | null;
  start_ms: number;
  end_ms: number;
}

export async function runClient(
  index: number,
  dir: string,
  load: LoadSpec,
  model: string,
  deployment: Deployment,
  stats: ClientStats,
  signal: AbortSignal,
): Promise<void> {
  const file = await open(join(dir, `client_${index}.log.txt`), "w");
  const minElapsedMs = load.maxRequestRate > 0 ? 1000 / load.maxRequestRate : 0;
  try {
    for (let i = 0; i < load.requestsPerClient && !signal.aborted; i++) {
      const ready = deployment.readyPods("frontend");
      const pod = ready.length > 0 ? ready[i % ready.length]! : null;
      const port = pod?.port ?? 0;
      const url = `http://127.0.0.1:${port}${ENDPOINT}`;
      const payload = JSON.stringify({
        model,
        messages: [{ role: "user", content: randomPrompt(load.inputTokens) }],
        max_tokens: load.outputTokens,
        temperature: 0.1,
        ignore_eos: true,
        min_tokens: load.outputTokens,
        stream: false,
      });
      const t0 = performance.now();
      const results: Attempt[] = [];
      for (let left = 1 + load.maxRetries; left > 0 && !signal.aborted; left--) {
        const a = await attempt(url, port, pod?.name ?? null, payload, load.timeoutS, signal);
        if (signal.aborted) break;
        results.push(a);
        if (a.status === 200) {
          stats.attemptsOk++;
          break;
        }
        stats.attemptsFailed++;
        if (left > 1) await sleep(load.retryDelayS * 1000, signal);
      }
      if (signal.aborted && results.length === 0) break;
      const totalMs = performance.now() - t0;
      const line = {
        time: naiveUtcSeconds(new Date()),
        results,
        total_time: new PyFloat(totalMs / 1000),
        url,
        pod: pod?.name ?? null,
      };
      await file.write(pyJson(line) + "\n");
      stats.requests++;
      if (totalMs < minElapsedMs) await sleep(minElapsedMs - totalMs, signal);
    }
  } finally {
    await file.close();
  }
}

/** The reference prompt: random digits, one per input token. */
function randomPrompt(tokens: number): string {
  return Array.from({ length: tokens }, () => String(Math.floor(Math.random() * 10))).join(" ");
}

function attempt(
  url: string,
  port: number,
  pod: string | null,
  payload: string,
  timeoutS: number,
  signal: AbortSignal,
): Promise<Attempt> {
  const startMs = Date.now();
  const t0 = performance.now();
  const done = (status: number | string, result: unknown): Attempt => ({
    status,
    result,
    request_elapsed_time: new PyFloat((performance.now() - t0) / 1000),
    url,
    pod,
    start_ms: startMs,
    end_ms: Date.now(),
  });
  if (port === 0) return Promise.resolve(done(refused(port), null));
  return new Promise((resolve) => {
    const req = request(url, {
      method: "POST",
      agent: false, // a new connection per request, as python-requests without a session
      headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload) },
      timeout: timeoutS * 1000,
      signal,
    });
    let timedOut = false;
    req.on("timeout", () => {
      timedOut = true;
      req.destroy();
    });
    req.on("error", (e: NodeJS.ErrnoException) => {
      if (timedOut)
        return resolve(
          done(
            `HTTPConnectionPool(host='127.0.0.1', port=${port}): Read timed out. (read timeout=${timeoutS})`,
            null,
          ),
        );
      resolve(done(errorText(e, port), null));
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        let result: unknown = null;
        try {
          result = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        } catch {
          // not JSON: result stays null, as in the reference
        }
        resolve(done(res.statusCode ?? 0, result));
      });
      res.on("error", (e: NodeJS.ErrnoException) => resolve(done(errorText(e, port), null)));
    });
    req.end(payload);
  });
}

/** Exception text in python-requests' words, so that error classes read the same as the reference's. */
function errorText(e: NodeJS.ErrnoException, port: number): string {
  if (e.code === "ECONNREFUSED") return refused(port);
  if (e.code === "ECONNRESET" || e.message === "socket hang up" || e.code === "ECONNABORTED") {
    return "('Connection aborted.', RemoteDisconnected('Remote end closed connection without response'))";
  }
  return `${e.code ?? "Error"}: ${e.message}`;
}

function refused(port: number): string {
  return (
    `HTTPConnectionPool(host='127.0.0.1', port=${port}): Max retries exceeded with url: ${ENDPOINT} ` +
    `(Caused by NewConnectionError('Failed to establish a new connection: [Errno 111] Connection refused'))`
  );
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done);
  });
}

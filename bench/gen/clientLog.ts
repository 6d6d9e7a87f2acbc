/**
 * `client_N.log.txt` of a generated scenario: one JSON line per request, formatted like Python's
 * `json.dumps` (", " and ": " separators), as the reference suite's legacy client writes it
 * (docs/layouts/legacy.md#client-logs). Lines are built as text, not through JSON.stringify, for speed and so the
 * separators match.
 */
import { Random } from "./random.js";
import type { ErrorKind, ScenarioPlan } from "./scenario.js";

const WORDS = [
  "I", "me", "is", "the", "a", "of", "to", "and", "list", "pattern", "sequence", "random", "repeating",
  "digits", "count", "maybe", "let", "see", "them", "some", "will", "so", "like", "first", "user", "it",
  "continue", "structure", "groups", "there", "or", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
]; // prettier-ignore

/** Seconds, as the client's `datetime.now().strftime` would print them (naive, runner in UTC). */
export function naiveStamp(epochS: number): string {
  return new Date(Math.floor(epochS) * 1000).toISOString().slice(0, 19);
}

function content(rng: Random): string {
  // About 100 tokens of a small model's "thinking": ~140 characters, like the samples.
  let s = "<think>\\n";
  const n = rng.int(36, 46);
  for (let i = 0; i < n; i++) s += (i ? " " : "") + WORDS[Math.floor(rng.next() * WORDS.length)];
  return s;
}

const ERROR_BODY: Partial<Record<ErrorKind, [number, string]>> = {
  no_responders: [500, "Failed to generate completions: no responders"],
  stream_ended: [500, "Failed to generate completions: stream ended before generation completed"],
  not_found: [404, "Model not found"],
  not_ready: [503, "Service is not ready"],
};

/** The text of one client's log. */
export function clientLog(plan: ScenarioPlan, client: number, requests: number, seed: number): string {
  const rng = new Random(seed, plan.index, 100 + client);
  const port = 30000 + ((plan.index * 7919) % 30000);
  const url = `http://localhost:${port}//v1/chat/completions`;
  const refusedUrl = "http://localhost:0//v1/chat/completions";
  const frontends = plan.pods.filter((p) => p.service === "Frontend" && !p.deleted).map((p) => p.name);
  const lines: string[] = [];
  let t = plan.clientsStart + rng.between(0, 0.4);
  for (let i = 0; i < requests; i++) {
    const pod = frontends[(client + i) % frontends.length]!;
    const kind = failureAt(plan, t, rng) ?? (i === 0 && client === plan.notReadyClient ? "not_ready" : null);
    let elapsed: number;
    let result: string;
    let status: string;
    let lineUrl = url;
    let linePod = `"${pod}"`;
    if (kind === null) {
      elapsed = rng.between(1.05, 1.4);
      const prompt = rng.int(100, 130);
      const created = Math.floor(t + elapsed);
      status = "200";
      result =
        `{"id": "chatcmpl-${rng.hex(32)}", "choices": [{"index": 0, "message": {"content": "${content(rng)}", ` +
        `"role": "assistant"}, "finish_reason": "length"}], "created": ${created}, "model": "Qwen/Qwen3-0.6B", ` +
        `"object": "chat.completion", "usage": {"prompt_tokens": ${prompt}, "completion_tokens": 100, ` +
        `"total_tokens": ${prompt + 100}}}`;
    } else if (kind === "refused") {
      elapsed = rng.between(0.0008, 0.003);
      status =
        `"HTTPConnectionPool(host='localhost', port=0): Max retries exceeded with url: //v1/chat/completions ` +
        `(Caused by NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7f${rng.hex(10)}>: ` +
        `Failed to establish a new connection: [Errno 111] Connection refused'))"`;
      result = "null";
      lineUrl = refusedUrl;
      linePod = "null";
    } else if (kind === "aborted") {
      elapsed = rng.between(0.1, 1.2);
      status = `"('Connection aborted.', RemoteDisconnected('Remote end closed connection without response'))"`;
      result = "null";
    } else {
      const [code, message] = ERROR_BODY[kind]!;
      elapsed = kind === "stream_ended" ? rng.between(0.2, 1.2) : rng.between(0.004, 0.02);
      status = String(code);
      result = `{"error": "${message}"}`;
    }
    // A failed attempt is followed by the client's 1 s retry delay; requests are paced at ≥ 1 s.
    const total = elapsed + (kind === null ? rng.between(0.00005, 0.0003) : 1 + rng.between(0.0005, 0.003));
    const done = t + total;
    lines.push(
      `{"time": "${naiveStamp(done)}", "results": [{"status": ${status}, "result": ${result}, ` +
        `"request_elapsed_time": ${elapsed}, "url": "${lineUrl}", "pod": ${linePod}}], ` +
        `"total_time": ${total}, "url": "${lineUrl}", "pod": ${linePod}}\n`,
    );
    t = done + Math.max(0, 1 - total);
  }
  if (client === plan.truncatedClient && lines.length > 0) {
    // The client was killed while writing its last line: no newline, cut mid-object.
    const last = lines[lines.length - 1]!;
    lines[lines.length - 1] = last.slice(0, Math.floor(last.length * 0.6));
  }
  return lines.join("");
}

function failureAt(plan: ScenarioPlan, t: number, rng: Random): ErrorKind | null {
  if (plan.fault === null) return null;
  const since = t - plan.fault;
  for (const phase of plan.outage) {
    if (since >= phase.from && since < phase.to) return rng.chance(phase.p) ? phase.kind : null;
  }
  return null;
}

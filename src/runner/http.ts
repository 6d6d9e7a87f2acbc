/** Small HTTP GET for probes and metrics snapshots: never throws, gives up after `timeoutMs`. */
import { request } from "node:http";

export interface HttpResult {
  status: number;
  body: string;
}

export function httpGet(url: string, timeoutMs: number): Promise<HttpResult | null> {
  return new Promise((resolve) => {
    let req;
    try {
      req = request(url, { method: "GET", agent: false, timeout: timeoutMs });
    } catch {
      return resolve(null);
    }
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(null));
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
      );
      res.on("error", () => resolve(null));
    });
    req.end();
  });
}

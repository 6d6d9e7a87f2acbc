/** Free TCP ports on 127.0.0.1, never the same one twice in a run. */
import { createServer } from "node:net";

const handedOut = new Set<number>();

export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const srv = createServer();
      srv.once("error", reject);
      srv.listen(0, "127.0.0.1", () => {
        const addr = srv.address();
        srv.close(() => resolve(typeof addr === "object" && addr ? addr.port : 0));
      });
    });
    if (port > 0 && !handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

/**
 * Can 127.0.0.1:`port` be bound right now? A restarted container keeps its pod's port, but the port
 * may have been taken meanwhile: by a client connection's ephemeral source port, or by a process the
 * old container left behind. The answer is only a hint (the port may be taken a moment later).
 */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

/**
 * A container that cannot re-bind its pod's port after a restart (the port was taken meanwhile) must
 * not crash-loop: the pod restarts it on a new free port and says so.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { Pod, type PodEvents } from "../../src/runner/pod.js";
import { freePort, portIsFree } from "../../src/runner/ports.js";

// The first incarnation binds PORT, leaves behind a process (in its own session, so outside the
// container's process group) that keeps the listening socket open, and exits 1. Later incarnations
// bind PORT and serve.
const CONTAINER = `
import os, socket, sys, time
port = int(os.environ["PORT"])
s = socket.socket()
s.bind(("127.0.0.1", port))
s.listen()
mark = os.environ["MARK"]
if not os.path.exists(mark):
    open(mark, "w").close()
    if os.fork() == 0:
        os.setsid()
        open(mark + ".orphan", "w").write(str(os.getpid()))
        time.sleep(60)
        os._exit(0)
    time.sleep(0.5)
    sys.exit(1)
print("ready on", port, flush=True)
time.sleep(60)
`;

describe("a pod whose port is taken when its container restarts", () => {
  it("restarts the container on a new free port instead of crash-looping", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ftparse-podport-"));
    const mark = join(dir, "mark");
    const port = await freePort();
    const moved: number[] = [];
    let readyResolve!: () => void;
    const ready = new Promise<void>((r) => (readyResolve = r));
    const events: PodEvents = {
      readyChanged: (p) => p.ready && readyResolve(),
      containerExited: () => {},
      restartScheduled: () => {},
      containerStarted: () => {},
      portChanged: (_p, from) => moved.push(from),
    };
    const pod = new Pod(
      "p-1",
      "rs",
      { name: "Worker", role: "decode", replicas: 1, env: {}, readyPattern: "^ready on" },
      port,
      {
        launchFor: (p) => ({
          command: "python3",
          args: ["-c", CONTAINER],
          env: { ...process.env, PORT: String(p), MARK: mark },
          display: ["python3"],
          image: "test",
        }),
        isFree: portIsFree,
        next: freePort,
      },
      join(dir, "logs"),
      { restartBackoffS: 1, maxBackoffS: 1, podStartDelayS: 0, probePeriodS: 0.2, readyTimeoutS: 10 },
      events,
    );
    try {
      pod.start();
      await Promise.race([
        ready,
        new Promise((_, reject) => setTimeout(() => reject(new Error("pod never became ready")), 15_000)),
      ]);
      assert.deepEqual(moved, [port]);
      assert.notEqual(pod.port, port);
      assert.equal(pod.restartCount, 1);
      assert.equal(pod.runs.length, 2);
      assert.equal(pod.currentLaunch.env.PORT, String(pod.port));
      // the restarted container listens on the new port
      await new Promise<void>((resolve, reject) => {
        const c = connect(pod.port, "127.0.0.1", () => (c.destroy(), resolve()));
        c.once("error", reject);
      });
    } finally {
      await pod.terminate("SIGKILL", 1);
      if (existsSync(`${mark}.orphan`)) {
        try {
          process.kill(Number(readFileSync(`${mark}.orphan`, "utf8")), "SIGKILL");
        } catch {
          // already gone
        }
      }
    }
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { classifyServiceFile } from "../../src/ingest/readers/serviceFolders.js";
import { parsePodYaml } from "../../src/ingest/readers/podYaml.js";

describe("classifyServiceFile(name)", () => {
  const pod = "fault-tolerance-test-frontend-abc-xyz";
  it("names every legacy file kind and incarnation", () => {
    assert.deepEqual(classifyServiceFile(`${pod}.log`), { kind: "log", pod, incarnation: "current" });
    assert.deepEqual(classifyServiceFile(`${pod}.previous.log`), {
      kind: "log",
      pod,
      incarnation: "previous",
    });
    assert.deepEqual(classifyServiceFile(`${pod}.before_delete.log`), {
      kind: "log",
      pod,
      incarnation: "before_delete",
    });
    assert.deepEqual(classifyServiceFile(`${pod}.before_delete.previous.log`), {
      kind: "log",
      pod,
      incarnation: "before_delete_previous",
    });
    assert.deepEqual(classifyServiceFile(`${pod}.metrics.log`), {
      kind: "metrics",
      pod,
      incarnation: "current",
    });
    assert.deepEqual(classifyServiceFile(`${pod}.metrics.before_delete.log`), {
      kind: "metrics",
      pod,
      incarnation: "before_delete",
    });
    assert.deepEqual(classifyServiceFile(`${pod}.before_delete.yaml`), {
      kind: "yaml",
      pod,
      incarnation: "before_delete",
    });
  });
  it("treats any .log with `metrics` in its name as metrics, as the reference does", () => {
    assert.equal(classifyServiceFile("my-metrics-pod.log")?.kind, "metrics");
  });
  it("ignores other files", () => {
    assert.equal(classifyServiceFile("notes.txt"), null);
    assert.equal(classifyServiceFile(".hidden"), null);
  });
});

describe("parsePodYaml(text)", () => {
  it("reads the current and last terminated incarnation of each container", () => {
    const y = parsePodYaml(`
metadata: {name: p1}
status:
  containerStatuses:
  - name: main
    restartCount: 3
    lastState: {terminated: {exitCode: 137, reason: OOMKilled, startedAt: '2025-01-01T00:00:00Z', finishedAt: '2025-01-01T00:01:00Z'}}
    state: {running: {startedAt: '2025-01-01T00:01:05Z'}}
  - name: sidecar
    restartCount: 0
    state: {waiting: {reason: CrashLoopBackOff}}
`);
    assert.equal(y.podName, "p1");
    assert.deepEqual(
      y.containers.map((c) => [
        c.container,
        c.incarnation,
        c.restartCount,
        c.startedAt?.toISOString() ?? null,
        c.exitCode,
        c.reason,
      ]),
      [
        ["main", "current", 3, "2025-01-01T00:01:05.000Z", null, null],
        ["main", "last_terminated", 3, "2025-01-01T00:00:00.000Z", 137, "OOMKilled"],
        ["sidecar", "current", 0, null, null, "CrashLoopBackOff"],
      ],
    );
  });
  it("rejects what is not a pod manifest", () => {
    assert.throws(() => parsePodYaml("- just\n- a list\n"), /not a YAML mapping/);
    assert.throws(() => parsePodYaml("status: {containerStatuses: 5}"), /not a list/);
  });
});

/** The reference formats the runner writes: Python's json.dumps, the Failure repr, pod timestamps. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PyFloat, pyJson } from "../../src/runner/pyJson.js";
import { podTimestamp } from "../../src/runner/servers/log.js";
import { failureRepr, naiveUtcSeconds } from "../../src/runner/testLog.js";

describe("pyJson(value)", () => {
  it("writes what Python's json.dumps writes", () => {
    assert.equal(
      pyJson({
        time: "2025-09-24T18:33:11",
        results: [{ status: 200, result: null, t: new PyFloat(1) }],
        pod: "é",
      }),
      '{"time": "2025-09-24T18:33:11", "results": [{"status": 200, "result": null, "t": 1.0}], "pod": "\\u00e9"}',
    );
    assert.equal(pyJson(new PyFloat(1.2090176707799734)), "1.2090176707799734");
    assert.equal(pyJson(new PyFloat(1e-7)), "1e-07");
    assert.deepEqual(JSON.parse(pyJson({ a: [1, "x\n"], b: { c: false } })), {
      a: [1, "x\n"],
      b: { c: false },
    });
  });
});

describe("failureRepr(failure)", () => {
  it("is the reference dataclass repr", () => {
    assert.equal(
      failureRepr({
        name: "frontend",
        time: 30,
        podName: "Frontend",
        command: "dynamo.frontend",
        signal: "SIGINT",
        replicas: 1,
      }),
      "Failure(time=30, pod_name='Frontend', command='dynamo.frontend', signal='SIGINT', replicas=1)",
    );
  });
});

describe("timestamps", () => {
  it("naive test/client stamps are UTC, second-truncated, whatever the local zone", () => {
    assert.equal(naiveUtcSeconds(new Date("2025-09-24T18:13:29.999Z")), "2025-09-24T18:13:29");
  });
  it("pod log stamps are UTC with microseconds and Z", () => {
    assert.equal(podTimestamp(Date.parse("2025-09-24T18:13:29.512Z") + 0.24), "2025-09-24T18:13:29.512240Z");
    assert.match(podTimestamp(), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  });
});

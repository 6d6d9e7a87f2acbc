import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseScenarioName } from "../src/scenarioName.js";

describe("parseScenarioName(name)", () => {
  it("splits at the last dash inside the brackets", () => {
    assert.deepEqual(parseScenarioName("test_fault_scenario[agg-tp-1-dp-1-none]"), {
      testGroup: "agg-tp-1-dp-1",
      failure: "none",
      backend: null,
      conventional: true,
    });
    assert.deepEqual(
      parseScenarioName("test_fault_scenario[vllm-disagg-prefill-tp-1-decode-tp-1-dp-1-frontend_pod]"),
      {
        testGroup: "vllm-disagg-prefill-tp-1-decode-tp-1-dp-1",
        failure: "frontend_pod",
        backend: "vllm",
        conventional: true,
      },
    );
  });
  it("strips every trailing bracket", () => {
    assert.equal(parseScenarioName("test_fault_scenario[agg-tp-1-dp-1-frontend]]]").failure, "frontend");
  });
  it("reads unconventional names without losing them", () => {
    assert.deepEqual(parseScenarioName("my-run-decode_worker"), {
      testGroup: "my-run",
      failure: "decode_worker",
      backend: null,
      conventional: false,
    });
    assert.deepEqual(parseScenarioName("scenario"), {
      testGroup: "scenario",
      failure: "unknown",
      backend: null,
      conventional: false,
    });
  });
});

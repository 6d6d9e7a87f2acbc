/**
 * Test group and failure from a scenario directory name (docs/layouts/legacy.md#directory-name):
 * take the text after the first `test_fault_scenario[`, strip every trailing `]`, the failure is the
 * text after the last `-` and the group everything before it.
 */

export interface ScenarioName {
  testGroup: string;
  failure: string;
  backend: string | null;
  /** False when the name does not follow `test_fault_scenario[<group>-<failure>]`. */
  conventional: boolean;
}

const PREFIX = "test_fault_scenario[";
/** The early local suite's folders (docs/layouts/early-local.md): `test_worker_failure[<deployment>-<failure>]`. */
export const EARLY_PREFIX = "test_worker_failure[";
const BACKENDS = new Set(["vllm", "sglang", "trtllm"]);

export function parseScenarioName(name: string, prefix: string = PREFIX): ScenarioName {
  const at = name.indexOf(prefix);
  const conventionalPrefix = at >= 0;
  const key = (conventionalPrefix ? name.slice(at + prefix.length) : name).replace(/\]+$/, "");
  const dash = key.lastIndexOf("-");
  if (dash <= 0 || dash === key.length - 1) {
    return { testGroup: key || name, failure: "unknown", backend: null, conventional: false };
  }
  const testGroup = key.slice(0, dash);
  const failure = key.slice(dash + 1);
  const first = testGroup.split("-")[0]!;
  return {
    testGroup,
    failure,
    backend: BACKENDS.has(first) ? first : null,
    conventional: conventionalPrefix,
  };
}

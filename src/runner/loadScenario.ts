/**
 * Build the scenario of one run from its three sources, later ones winning:
 * a preset (`--deployment`/`--failure`, or the `deployment:`/`failure:` keys of a file naming one),
 * a YAML scenario file (`--scenario`), and the command-line overrides (`--clients`, `--requests`,
 * `--fault-at`, `--model`).
 */
import { readFile } from "node:fs/promises";
import { parse, YAMLParseError } from "yaml";
import { usageError } from "../errors.js";
import {
  DEFAULT_CONTROLLER,
  DEFAULT_FAULT_AT,
  DEFAULT_LOAD,
  DEFAULT_MODEL,
  DEFAULT_TIMING,
  DEPLOYMENTS,
  FAILURES,
  presetFailure,
  presetServices,
  withBuiltinDefaults,
} from "./presets.js";
import {
  DEPLOYMENT_NAME,
  FAILURE_NAME,
  SERVICE_NAME,
  SIGNALS,
  checkKeys,
  isObj,
  name,
  num,
  str,
  validateScenario,
  type FailureSpec,
  type Role,
  type Scenario,
  type ServiceSpec,
} from "./scenario.js";

export interface ScenarioInput {
  file?: string;
  deployment?: string;
  failure?: string;
  clients?: number;
  requests?: number;
  faultAt?: number;
  model?: string;
}

const TOP_KEYS = ["deployment", "failure", "model", "namespace", "services", "load", "timing", "controller"];
const SERVICE_KEYS = [
  "role",
  "replicas",
  "command",
  "healthUrl",
  "metricsUrl",
  "readyPattern",
  "env",
  "startupS",
];
const FAILURE_KEYS = ["name", "time", "podName", "command", "signal", "replicas"];
const ROLES: readonly Role[] = ["frontend", "decode", "prefill", "other"];

export async function resolveScenario(input: ScenarioInput): Promise<Scenario> {
  const doc = input.file ? await readScenarioFile(input.file) : {};
  const where = input.file ?? "scenario";

  // 1. deployment: the preset's services, then the file's services merged onto them by name
  const deployment = name(
    `${where}: deployment`,
    input.deployment ?? doc.deployment ?? "agg-tp-1-dp-1",
    DEPLOYMENT_NAME,
    "use letters, digits, '-', '_' and '.'",
  );
  let services: ServiceSpec[] = deployment in DEPLOYMENTS ? presetServices(deployment) : [];
  if (doc.services !== undefined) services = mergeServices(where, services, doc.services);
  if (services.length === 0) {
    throw usageError(
      `${where}: deployment "${deployment}" is not a preset and no services are given`,
      `presets: ${Object.keys(DEPLOYMENTS).join(", ")}; or list services: in the scenario file`,
    );
  }

  // 2. failure: a preset name, or a mapping (optionally starting from a preset via its name)
  const failureDoc = input.failure ?? doc.failure ?? "none";
  const failure = resolveFailure(where, failureDoc);

  // 3. load, timing, controller: defaults, then the file, then the flags
  const load = { ...DEFAULT_LOAD, ...section(where, "load", doc.load, DEFAULT_LOAD) };
  if (input.clients !== undefined) load.clients = input.clients;
  if (input.requests !== undefined) load.requestsPerClient = input.requests;
  if (failure.spec && input.faultAt !== undefined) failure.spec.time = input.faultAt;
  checkLoad(where, load);
  const timing = { ...DEFAULT_TIMING, ...section(where, "timing", doc.timing, DEFAULT_TIMING) };
  const controller = {
    ...DEFAULT_CONTROLLER,
    ...section(where, "controller", doc.controller, DEFAULT_CONTROLLER),
  };
  if (timing.leaseTtlS <= 0) throw usageError(`${where}: timing.leaseTtlS must be > 0`);
  if (controller.probePeriodS <= 0) throw usageError(`${where}: controller.probePeriodS must be > 0`);

  return validateScenario({
    deployment,
    failure: failure.spec,
    failureName: failure.name,
    model: input.model ?? (doc.model === undefined ? DEFAULT_MODEL : str(`${where}: model`, doc.model)),
    namespace: doc.namespace === undefined ? "ftparse-sim" : str(`${where}: namespace`, doc.namespace),
    services: withBuiltinDefaults(services),
    load,
    timing,
    controller,
  });
}

async function readScenarioFile(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    throw usageError(`cannot read scenario file ${file}: ${(e as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    const line = e instanceof YAMLParseError ? e.linePos?.[0]?.line : undefined;
    throw usageError(
      `${file}${line ? `:${line}` : ""}: not valid YAML: ${(e as Error).message.split("\n")[0]}`,
    );
  }
  if (!isObj(doc)) throw usageError(`${file}: a scenario file is a YAML mapping (deployment:, failure:, …)`);
  checkKeys(file, doc, TOP_KEYS);
  return doc;
}

function mergeServices(where: string, base: ServiceSpec[], doc: unknown): ServiceSpec[] {
  if (!isObj(doc)) throw usageError(`${where}: services must be a mapping of service name → settings`);
  const out = base.map((s) => ({ ...s }));
  for (const [svcName, raw] of Object.entries(doc)) {
    const at = `${where}: services.${svcName}`;
    name(at, svcName, SERVICE_NAME, "start with a letter; letters, digits and '_' only");
    const v = raw ?? {};
    if (!isObj(v)) throw usageError(`${at} must be a mapping`);
    checkKeys(at, v, SERVICE_KEYS);
    let svc = out.find((s) => s.name === svcName);
    if (!svc) {
      svc = { name: svcName, role: guessRole(svcName), replicas: 1, env: {} };
      out.push(svc);
    }
    if (v.role !== undefined) {
      const role = str(`${at}.role`, v.role) as Role;
      if (!ROLES.includes(role)) throw usageError(`${at}.role must be one of ${ROLES.join(", ")}`);
      svc.role = role;
    }
    if (v.replicas !== undefined) svc.replicas = num(`${at}.replicas`, v.replicas, { min: 1, int: true });
    if (v.command !== undefined) svc.command = str(`${at}.command`, v.command);
    if (v.healthUrl !== undefined) svc.healthUrl = str(`${at}.healthUrl`, v.healthUrl);
    if (v.metricsUrl !== undefined) svc.metricsUrl = str(`${at}.metricsUrl`, v.metricsUrl);
    if (v.startupS !== undefined) svc.startupS = num(`${at}.startupS`, v.startupS, { min: 0 });
    if (v.readyPattern !== undefined) {
      svc.readyPattern = str(`${at}.readyPattern`, v.readyPattern);
      try {
        new RegExp(svc.readyPattern);
      } catch (e) {
        throw usageError(`${at}.readyPattern is not a regular expression: ${(e as Error).message}`);
      }
    }
    if (v.env !== undefined) {
      if (!isObj(v.env)) throw usageError(`${at}.env must be a mapping of NAME: value`);
      svc.env = { ...svc.env, ...Object.fromEntries(Object.entries(v.env).map(([k, x]) => [k, String(x)])) };
    }
    if (!svc.command && svc.role === "other") {
      throw usageError(`${at}: a service with role other needs a command (there is no built-in one)`);
    }
  }
  return out;
}

function guessRole(svcName: string): Role {
  const n = svcName.toLowerCase();
  if (n.includes("frontend")) return "frontend";
  if (n.includes("prefill")) return "prefill";
  if (n.includes("decode") || n.includes("worker")) return "decode";
  return "other";
}

function resolveFailure(where: string, doc: unknown): { name: string; spec: FailureSpec | null } {
  if (typeof doc === "string") {
    const failureName = name(`${where}: failure`, doc, FAILURE_NAME, "letters, digits and '_' only (no '-')");
    return { name: failureName, spec: presetFailure(failureName, DEFAULT_FAULT_AT) };
  }
  if (!isObj(doc)) throw usageError(`${where}: failure must be a preset name or a mapping`);
  checkKeys(`${where}: failure`, doc, FAILURE_KEYS);
  const failureName = name(
    `${where}: failure.name`,
    doc.name,
    FAILURE_NAME,
    "letters, digits and '_' only (no '-')",
  );
  const base = failureName in FAILURES ? presetFailure(failureName, DEFAULT_FAULT_AT) : null;
  if (!base && doc.podName === undefined) {
    // A custom name with nothing to break is a baseline under another name.
    if (doc.command === undefined) return { name: failureName, spec: null };
  }
  const spec: FailureSpec = {
    name: failureName,
    time:
      doc.time === undefined
        ? (base?.time ?? DEFAULT_FAULT_AT)
        : num(`${where}: failure.time`, doc.time, { min: 0 }),
    podName:
      doc.podName === undefined
        ? str(`${where}: failure.podName`, base?.podName)
        : str(`${where}: failure.podName`, doc.podName),
    command:
      doc.command === undefined
        ? str(`${where}: failure.command`, base?.command)
        : str(`${where}: failure.command`, doc.command),
    signal:
      doc.signal === undefined ? (base?.signal ?? "SIGINT") : str(`${where}: failure.signal`, doc.signal),
    replicas:
      doc.replicas === undefined
        ? (base?.replicas ?? 1)
        : num(`${where}: failure.replicas`, doc.replicas, { min: 1, int: true }),
  };
  if (!(SIGNALS as readonly string[]).includes(spec.signal)) {
    throw usageError(`${where}: failure.signal "${spec.signal}" is not one of ${SIGNALS.join(", ")}`);
  }
  return { name: failureName, spec };
}

/** A section (load/timing/controller) of numbers whose keys are those of its defaults. */
function section<T extends object>(where: string, key: string, doc: unknown, defaults: T): Partial<T> {
  if (doc === undefined || doc === null) return {};
  if (!isObj(doc)) throw usageError(`${where}: ${key} must be a mapping`);
  checkKeys(`${where}: ${key}`, doc, Object.keys(defaults));
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(doc)) out[k] = num(`${where}: ${key}.${k}`, v, { min: 0 });
  return out as Partial<T>;
}

function checkLoad(where: string, load: typeof DEFAULT_LOAD): void {
  for (const k of ["clients", "requestsPerClient", "outputTokens"] as const) {
    num(`${where}: load.${k}`, load[k], { min: 1, int: true });
  }
  for (const k of ["inputTokens", "maxRetries"] as const)
    num(`${where}: load.${k}`, load[k], { min: 0, int: true });
  if (load.timeoutS <= 0) throw usageError(`${where}: load.timeoutS must be > 0`);
}

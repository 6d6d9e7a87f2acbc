/**
 * The rule language of `ftparse check`:
 *
 *   rule  := METRIC OP NUMBER['%'] { SCOPE | 'allow-missing' }
 *   OP    := '<' | '<=' | '>' | '>=' | '==' | '!='
 *   SCOPE := ('group' | 'failure' | 'layout') ('=' | '!=') GLOB[,GLOB…]
 *
 * e.g. `recovery_s<=60`, `success_rate_after>=0.9 group=agg-*`, `failed_before==0 failure=none`,
 * `p99_after_s <= 5 layout=legacy allow-missing`. Scopes are ANDed; the globs of one scope are ORed;
 * `!=` excludes what the globs match. A rule text enters as a string and leaves as a checked `Rule`, or
 * as a usage error that names the rule, where it came from, the column and what was expected there.
 */
import { ExitCode, FtparseError } from "../errors.js";
import { GlobSyntaxError, compileGlob, type Glob } from "./glob.js";
import { closestMetric, identityKeys, metricKind, metricNames } from "./metrics.js";

export const OPERATORS = ["<", "<=", ">", ">=", "==", "!="] as const;
export type Op = (typeof OPERATORS)[number];

/** Scope field as written in a rule → the summary key it tests. */
export const SCOPE_FIELDS = { group: "test_group", failure: "failure", layout: "layout" } as const;
export type ScopeField = keyof typeof SCOPE_FIELDS;

const LAYOUTS = ["legacy", "aiperf", "events"];

export interface Scope {
  field: ScopeField;
  /** `!=`: the rule applies to scenarios that match none of the patterns. */
  negate: boolean;
  patterns: string[];
  globs: Glob[];
}

/** Where a rule came from, for error messages and reports. */
export interface RuleOrigin {
  /** e.g. `--rule #2`, `rules.yaml (set "nightly")`, `built-in set "dynamo"`. */
  label: string;
  file?: string;
  line?: number;
  /** A name given to the rule in a rules file. */
  name?: string;
  /** From the rule sets shipped with ftparse. */
  builtin?: boolean;
}

export interface Rule {
  /** The rule in canonical spelling: `recovery_s <= 60 group=agg-*`. */
  expr: string;
  /** The name shown in reports: the given name, else the canonical expression. */
  name: string;
  metric: string;
  op: Op;
  /** The bound as a number in the metric's unit (90% on a ratio → 0.9). */
  bound: number;
  /** The bound as written (`90%`, `60`). */
  boundText: string;
  scopes: Scope[];
  allowMissing: boolean;
  origin: RuleOrigin;
}

const ALLOW_MISSING = "allow-missing";

export function parseRule(text: string, origin: RuleOrigin): Rule {
  const p: Cursor = new Cursor(text, origin);
  p.skipSpace();
  const metricAt = p.pos;
  const metric = p.take(/[A-Za-z_][A-Za-z0-9_]*/y);
  if (metric === undefined) p.fail("expected a metric name, e.g. recovery_s", metricAt);
  p.skipSpace();
  const opAt = p.pos;
  const op = p.take(/<=|>=|==|!=|<|>/y) as Op | undefined;
  if (op === undefined) {
    const hint = p.peek(/=[<>]?/y);
    p.fail(
      hint === "="
        ? "expected an operator; use == to test equality (= is for scopes such as group=agg-*)"
        : hint
          ? `expected an operator: did you mean ${hint[1]}=?`
          : `expected an operator (${OPERATORS.join(" ")}) after "${metric}"`,
      opAt,
    );
  }
  p.skipSpace();
  const numberAt = p.pos;
  const number = p.take(/[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?/y);
  if (number === undefined) p.fail(`expected a number after "${op}"`, numberAt);
  if (p.pos < text.length && !/\s/.test(text[p.pos]!)) {
    p.fail(
      `unexpected "${text[p.pos]}" after the number: a bound is a plain number in the metric's unit ` +
        `(seconds for *_s, 0..1 or N% for ratios), and scopes are separated by a space`,
      p.pos,
    );
  }

  const scopes: Scope[] = [];
  let allowMissing = false;
  for (;;) {
    p.skipSpace();
    if (p.pos >= text.length) break;
    const at = p.pos;
    const term = p.take(/\S+/y)!;
    if (term === ALLOW_MISSING) {
      allowMissing = true;
      continue;
    }
    scopes.push(parseScope(term, at, p));
  }

  checkMetric(metric, p, metricAt);
  const bound = checkBound(metric, number, p, numberAt);
  const expr = [
    `${metric} ${op} ${number}`,
    ...scopes.map((s) => `${s.field}${s.negate ? "!=" : "="}${s.patterns.join(",")}`),
    ...(allowMissing ? [ALLOW_MISSING] : []),
  ].join(" ");
  return {
    expr,
    name: origin.name ?? expr,
    metric,
    op,
    bound,
    boundText: number,
    scopes,
    allowMissing,
    origin,
  };
}

function parseScope(term: string, at: number, p: Cursor): Scope {
  const m = /^([A-Za-z_]+)(!=|=)(.*)$/.exec(term);
  if (!m) {
    p.fail(
      `unexpected "${term}": expected a scope (${Object.keys(SCOPE_FIELDS)
        .map((f) => `${f}=GLOB`)
        .join(", ")}) or ${ALLOW_MISSING}`,
      at,
    );
  }
  const [, field, sign, list] = m;
  if (!(field! in SCOPE_FIELDS)) {
    const asKey = Object.entries(SCOPE_FIELDS).find(([, key]) => key === field)?.[0];
    p.fail(
      `unknown scope "${field}"` +
        (asKey ? ` (write ${asKey}=…)` : ` (scopes: ${Object.keys(SCOPE_FIELDS).join(", ")})`),
      at,
    );
  }
  const valueAt = at + field!.length + sign!.length;
  const patterns = list!.split(",");
  if (patterns.some((g) => g === ""))
    p.fail(`empty pattern in ${field}${sign}… (write e.g. ${field}=agg-*)`, valueAt);
  if (field === "layout") {
    const unknown = patterns.find((g) => !/[*?[]/.test(g) && !LAYOUTS.includes(g));
    if (unknown !== undefined)
      p.fail(`unknown layout "${unknown}" (layouts: ${LAYOUTS.join(", ")})`, valueAt);
  }
  try {
    return {
      field: field as ScopeField,
      negate: sign === "!=",
      patterns,
      globs: patterns.map(compileGlob),
    };
  } catch (e) {
    if (e instanceof GlobSyntaxError) p.fail(e.message, valueAt);
    throw e;
  }
}

function checkMetric(metric: string, p: Cursor, at: number): void {
  if (metricKind(metric) !== undefined) return;
  if (identityKeys.includes(metric)) {
    const scope = Object.entries(SCOPE_FIELDS).find(([, key]) => key === metric)?.[0];
    p.fail(
      `"${metric}" names a scenario, it is not a metric` +
        (scope ? `: to select scenarios, add a scope such as ${scope}=…` : ""),
      at,
    );
  }
  const near = closestMetric(metric);
  p.fail(
    `unknown metric "${metric}"${near ? ` (did you mean ${near}?)` : ""}; ` +
      `metrics are the summary's JSON keys: ${metricNames.join(", ")}`,
    at,
  );
}

/**
 * Metrics that are never negative: every one but the component times, which are measured from the
 * fault instant and are negative when the component restarted before it.
 */
const SIGNED_METRICS = new Set(["component_restart_s", "component_ready_s"]);

/** A bound no measured value can reach makes a rule that always or never holds: a typo, rejected. */
function checkBound(metric: string, number: string, p: Cursor, at: number): number {
  const percent = number.endsWith("%");
  const value = Number(percent ? number.slice(0, -1) : number);
  const kind = metricKind(metric);
  if (!Number.isFinite(value)) p.fail(`${number} is not a finite number`, at);
  if (percent) {
    if (kind !== "ratio") {
      const ratios = metricNames.filter((m) => metricKind(m) === "ratio");
      p.fail(`"%" only applies to ratio metrics (${ratios.join(", ")}); ${metric} is not one`, at);
    }
    if (value < 0 || value > 100) p.fail(`${metric} is a share from 0% to 100%, not ${number}`, at);
    return value / 100;
  }
  if (kind === "ratio" && (value > 1 || value < 0)) {
    p.fail(
      value > 100 || value < 0
        ? `${metric} is a ratio from 0 to 1 (0% to 100%), not ${number}`
        : `${metric} is a ratio from 0 to 1: write ${value / 100} or ${number}%`,
      at,
    );
  }
  if (value < 0 && !SIGNED_METRICS.has(metric)) {
    p.fail(`${metric} is never negative: a bound of ${number} makes the rule always or never hold`, at);
  }
  return value;
}

/** Rules on `violations_*` need --sla: without it those counts are never computed (every value N/A). */
export function rulesNeedingSla(rules: readonly Rule[]): Rule[] {
  return rules.filter((r) => r.metric.startsWith("violations_"));
}

/** A read position in one rule text, and errors that point at a column of it. */
class Cursor {
  pos = 0;
  constructor(
    readonly text: string,
    readonly origin: RuleOrigin,
  ) {}

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }

  /** Consume a sticky regexp's match at the current position. */
  take(re: RegExp): string | undefined {
    const m = this.peek(re);
    if (m !== undefined) this.pos += m.length;
    return m;
  }

  peek(re: RegExp): string | undefined {
    re.lastIndex = this.pos;
    return re.exec(this.text)?.[0];
  }

  fail(why: string, at: number): never {
    const shown = this.text.replace(/\s/g, " ");
    throw new FtparseError(
      `bad rule "${this.text.trim()}" (${this.origin.label}): ${why}\n  ${shown}\n  ${" ".repeat(at)}^ column ${at + 1}`,
      { exitCode: ExitCode.Usage, file: this.origin.file, line: this.origin.line },
    );
  }
}

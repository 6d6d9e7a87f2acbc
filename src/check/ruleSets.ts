/**
 * Named rule sets: read from rules files (YAML or JSON, the same shape) and from the built-in file
 * shipped with the package (`rules/default.yaml`), then chosen for one `ftparse check` run.
 *
 *   rule_sets:
 *     nightly:
 *       description: what this set asserts      # optional
 *       rules:
 *         - recovery_s <= 60 group=agg-*         # a rule text …
 *         - name: no-baseline-failures           # … or a named one
 *           rule: failed_before == 0 failure=none
 *
 * The file enters as `unknown` and is checked node by node, so that every error names the file, the
 * line and the field that is wrong.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import { ExitCode, FtparseError } from "../errors.js";
import { parseRule, type Rule } from "./rules.js";

export interface RuleSet {
  name: string;
  description?: string;
  rules: Rule[];
  /** The file it was read from; `built-in` for the shipped sets. */
  source: string;
}

/** The set `ftparse check` applies when no rule, rules file or set is given. */
export const DEFAULT_RULE_SET = "dynamo";

export interface RuleSelection {
  /** `--rule EXPR`, in order. */
  exprs: readonly string[];
  /** `--rules FILE`, in order. */
  files: readonly string[];
  /** `--rule-set NAME`, in order. */
  sets: readonly string[];
}

export interface SelectedRules {
  rules: Rule[];
  /** What was applied, for reports: `built-in set "dynamo"`, `rules.yaml set "nightly"`, `2 --rule`. */
  sources: string[];
}

/**
 * The rules of one run: the named sets (looked up in the given files first, then among the built-in
 * sets), or each file's `default` / only set, or the built-in default when nothing is given; then
 * every `--rule`.
 */
export async function selectRules(selection: RuleSelection): Promise<SelectedRules> {
  const fileSets: RuleSet[][] = [];
  for (const f of selection.files) fileSets.push(await readRuleFile(f));
  const builtin = await builtinRuleSets();
  const chosen: RuleSet[] = [];
  if (selection.sets.length > 0) {
    const available = [...fileSets.flat(), ...builtin];
    for (const name of selection.sets) {
      const set = available.find((s) => s.name === name);
      if (!set) {
        throw new FtparseError(`unknown rule set "${name}"`, {
          exitCode: ExitCode.Usage,
          hint: `available sets: ${available.map((s) => `${s.name} (${s.source})`).join(", ")}`,
        });
      }
      chosen.push(set);
    }
  } else {
    selection.files.forEach((file, i) => chosen.push(defaultSetOf(file, fileSets[i]!)));
    if (selection.files.length === 0 && selection.exprs.length === 0) {
      chosen.push(builtin.find((s) => s.name === DEFAULT_RULE_SET)!);
    }
  }
  const extra = selection.exprs.map((e, i) => parseRule(e, { label: `--rule #${i + 1}` }));
  const rules = [...chosen.flatMap((s) => s.rules), ...extra];
  const sources = [
    ...chosen.map((s) =>
      s.source === "built-in" ? `built-in set "${s.name}"` : `set "${s.name}" of ${s.source}`,
    ),
    ...(extra.length > 0 ? [`${extra.length} --rule`] : []),
  ];
  if (rules.length === 0) {
    throw new FtparseError(`no rules to check (${sources.join(", ")} hold none)`, {
      exitCode: ExitCode.Usage,
      hint: "give rules with --rule EXPR, e.g. --rule 'recovery_s<=60'",
    });
  }
  return { rules, sources };
}

function defaultSetOf(file: string, sets: RuleSet[]): RuleSet {
  const set = sets.find((s) => s.name === "default") ?? (sets.length === 1 ? sets[0] : undefined);
  if (set) return set;
  throw new FtparseError(
    `${file} holds ${sets.length} rule sets (${sets.map((s) => s.name).join(", ")}) and none is named "default"`,
    { exitCode: ExitCode.Usage, hint: "choose one with --rule-set NAME" },
  );
}

export async function readRuleFile(path: string): Promise<RuleSet[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    throw new FtparseError(`cannot read rules file ${path}: ${(e as NodeJS.ErrnoException).code ?? e}`, {
      exitCode: ExitCode.Usage,
    });
  }
  return parseRuleFile(text, path, path);
}

let builtinCache: RuleSet[] | undefined;

export async function builtinRuleSets(): Promise<RuleSet[]> {
  builtinCache ??= parseRuleFile(await readFile(builtinRulesPath(), "utf8"), builtinRulesPath(), "built-in");
  return builtinCache;
}

/** `rules/default.yaml` at the package root (next to `queries/`), from src/ or dist/src/. */
export function builtinRulesPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, "rules", "default.yaml");
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new FtparseError("cannot find rules/default.yaml next to ftparse", { exitCode: ExitCode.Internal });
}

/** Parse a rules file's text; `source` is how its sets are named in reports. */
export function parseRuleFile(text: string, file: string, source: string): RuleSet[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const lineOf = (node: Node | null | undefined) =>
    node?.range ? lines.linePos(node.range[0]).line : undefined;
  const fail = (why: string, node?: Node | null): never => {
    throw new FtparseError(`bad rules file: ${why}`, {
      exitCode: ExitCode.Usage,
      file,
      line: lineOf(node),
      hint: 'expected `rule_sets: {NAME: {description?, rules: ["recovery_s <= 60", …]}}`',
    });
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new FtparseError(`not valid YAML or JSON: ${e.message.split("\n")[0]}`, {
      exitCode: ExitCode.Usage,
      file,
      line: e.linePos?.[0].line,
    });
  }
  const root = doc.contents;
  if (!isMap(root)) return fail("the top level must be a mapping with the key rule_sets", root);
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : "";
    if (key !== "rule_sets")
      fail(`unknown top-level key "${key}" (only rule_sets is read)`, pair.key as Node);
  }
  const setsNode = root.get("rule_sets", true) as Node | undefined;
  if (!isMap(setsNode))
    return fail("rule_sets must be a mapping from set names to rule sets", setsNode ?? root);

  return setsNode.items.map((pair) => {
    const name = isScalar(pair.key) ? String(pair.key.value) : "";
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name)) {
      fail(`rule set name "${name}" must be letters, digits, "-", "_" or "."`, pair.key as Node);
    }
    const label = `set "${name}" of ${source}`;
    let description: string | undefined;
    let rulesNode = pair.value as Node | null;
    if (isMap(rulesNode)) {
      const setMap = rulesNode;
      for (const field of setMap.items) {
        const k = isScalar(field.key) ? String(field.key.value) : "";
        if (k !== "description" && k !== "rules") {
          fail(`unknown key "${k}" in rule set "${name}" (keys: description, rules)`, field.key as Node);
        }
      }
      const d = setMap.get("description", true) as Node | undefined;
      if (d !== undefined) {
        if (!isScalar(d) || typeof d.value !== "string") fail(`description of "${name}" must be a string`, d);
        description = String((d as { value: unknown }).value);
      }
      rulesNode = (setMap.get("rules", true) as Node | undefined) ?? null;
    }
    if (!isSeq(rulesNode)) {
      return fail(`rule set "${name}" needs a list of rules (rules: [...])`, rulesNode ?? (pair.key as Node));
    }
    const rules = rulesNode.items.map((item, i) => {
      const where = { file, line: lineOf(item as Node), builtin: source === "built-in" };
      if (isScalar(item) && typeof item.value === "string") {
        return parseRule(item.value, { label: `${label}, rule ${i + 1}`, ...where });
      }
      if (isMap(item)) {
        const ruleNode = item.get("rule", true) as Node | undefined;
        const nameNode = item.get("name", true) as Node | undefined;
        if (!isScalar(ruleNode) || typeof ruleNode.value !== "string") {
          return fail(
            `rule ${i + 1} of "${name}" needs rule: "<metric> <op> <number> …" (a rule text with ": " in it ` +
              `must be quoted)`,
            ruleNode ?? (item as Node),
          );
        }
        for (const field of item.items) {
          const k = isScalar(field.key) ? String(field.key.value) : "";
          if (k !== "rule" && k !== "name")
            fail(`unknown key "${k}" in a rule (keys: rule, name)`, field.key as Node);
        }
        if (nameNode !== undefined && (!isScalar(nameNode) || typeof nameNode.value !== "string")) {
          fail(`the name of rule ${i + 1} of "${name}" must be a string`, nameNode);
        }
        const ruleName = nameNode === undefined ? undefined : String((nameNode as { value: unknown }).value);
        return parseRule(ruleNode.value, { label: `${label}, rule ${i + 1}`, name: ruleName, ...where });
      }
      return fail(
        `rule ${i + 1} of "${name}" must be a rule text or {name, rule}; a bare number or a mapping ` +
          `written as "a: b" are common slips (quote the rule)`,
        item as Node,
      );
    });
    return { name, description, rules, source };
  });
}

/** Library entry: the same capabilities as the CLI, for programmatic use. */
export { main } from "./cli.js";
export { report, type ReportOptions } from "./commands/report.js";
export { computeSummary, computeDynamo } from "./metrics/rows.js";
export { Db, type Row } from "./db.js";
export { openDatabase } from "./schema.js";
export { discover } from "./discover.js";
export type { FoundScenario } from "./ingest/types.js";
export { loadResults } from "./pipeline.js";
export { ExitCode, FtparseError } from "./errors.js";
export { Warnings } from "./messages.js";
export { defaultEffects, recordingEffects, type Effects } from "./effects.js";
export { check, type CheckOptions } from "./commands/check.js";
export { parseRule, type Rule } from "./check/rules.js";
export { selectRules, readRuleFile, builtinRuleSets, type RuleSet } from "./check/ruleSets.js";
export { evaluateRules, type CheckReport, type CheckResult } from "./check/evaluate.js";
export { metricNames } from "./check/metrics.js";
export { renderJUnit } from "./render/junit.js";
export { renderStepSummary } from "./render/stepSummary.js";

export { ingest, type IngestCommandOptions } from "./commands/ingest.js";
export { runs, type RunsOptions } from "./commands/runs.js";
export { trend, type TrendOptions } from "./commands/trend.js";
export { compare, type CompareOptions } from "./commands/compare.js";
export { query, type QueryOptions } from "./commands/query.js";
export { exportTables, type ExportOptions } from "./commands/export.js";
export { prepareTrees, storeTrees, type Tree, type StoredRun } from "./history/store.js";
export { fingerprintTree, type Fingerprint } from "./history/fingerprint.js";
export { latestSchemaVersion, schemaVersion } from "./schema.js";

/**
 * The summary's columns: JSON key (SPEC §4, never renamed), the reference table header, and how a
 * value is shown. One list, used by every renderer.
 */
export type ColumnKind = "text" | "count" | "seconds" | "ratio";

export interface Column {
  key: string;
  /** Header as the reference parser prints it (two lines in terminal tables). */
  header: string;
  kind: ColumnKind;
}

/** The reference table (legacy-layout §6), in its order. Violations only with --sla. */
export const referenceColumns: readonly Column[] = [
  { key: "failure", header: "Failure", kind: "text" },
  { key: "startup_s", header: "Startup", kind: "seconds" },
  { key: "success_before", header: "Success\nBefore", kind: "count" },
  { key: "failed_before", header: "Failed\nBefore", kind: "count" },
  { key: "success_after", header: "Success\nAfter", kind: "count" },
  { key: "failed_after", header: "Failed\nAfter", kind: "count" },
  { key: "latency_before_s", header: "Latency\nBefore", kind: "seconds" },
  { key: "latency_after_s", header: "Latency\nAfter", kind: "seconds" },
  { key: "violations_before", header: "Violations\nBefore", kind: "count" },
  { key: "violations_after", header: "Violations\nAfter", kind: "count" },
  { key: "recovery_s", header: "Recovery", kind: "seconds" },
];

/** JSON keys of one summary row, in order (SPEC §4). Tools depend on these names: add, never rename. */
export const summaryJsonKeys: readonly string[] = [
  "test_group",
  "failure",
  "layout",
  "scenario_dir",
  "startup_s",
  "success_before",
  "failed_before",
  "success_after",
  "failed_after",
  "latency_before_s",
  "latency_after_s",
  "recovery_s",
  "violations_before",
  "violations_after",
];

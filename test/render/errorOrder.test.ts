/** Error-class columns come in the catalog's one order in every group, not by frequency. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compareErrorClasses, errorColumns } from "../../src/render/extended.js";
import { runJson } from "../helpers.js";
import { legacy } from "../history/helpers.js";

const CATALOG = [
  "http_404",
  "http_500",
  "invalid_content",
  "connection_refused",
  "connection_closed",
  "read_timeout",
  "cancelled",
  "other",
];

describe("error class order", () => {
  it("HTTP statuses by code, then the catalog's classes, unknown ones before other", () => {
    const shuffled = [
      "other",
      "read_timeout",
      "http_500",
      "cancelled",
      "connection_refused",
      "http_404",
      "invalid_content",
      "connection_closed",
    ];
    assert.deepEqual([...shuffled].sort(compareErrorClasses), CATALOG);
    assert.deepEqual(["other", "zzz_new", "http_503"].sort(compareErrorClasses), [
      "http_503",
      "zzz_new",
      "other",
    ]);
  });

  it("every group of the samples lists its classes in that order, whatever their counts", async () => {
    const { rows } = await runJson([legacy]);
    const groups = new Set(rows.map((r) => String(r.test_group)));
    assert.ok(groups.size > 1);
    for (const g of groups) {
      const keys = errorColumns(rows.filter((r) => r.test_group === g))
        .slice(1)
        .map((c) => c.key.slice("errors.".length));
      assert.ok(keys.length > 0, g);
      assert.deepEqual(keys, [...keys].sort(compareErrorClasses), g);
    }
  });
});

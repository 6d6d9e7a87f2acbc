import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatFixed2, naturalCompare } from "../../src/number.js";

describe("formatFixed2(x)", () => {
  it("rounds exact binary ties to even, like Python's format(x, '.2f')", () => {
    assert.equal(formatFixed2(71.125), "71.12");
    assert.equal(formatFixed2(3.375), "3.38");
    assert.equal(formatFixed2(0.125), "0.12");
    assert.equal(formatFixed2(0.375), "0.38");
    assert.equal(formatFixed2(-71.125), "-71.12");
    assert.equal(formatFixed2(1002.625), "1002.62");
  });
  it("rounds non-ties from the exact binary value (1.005 is below 1.005)", () => {
    assert.equal(formatFixed2(1.005), "1.00");
    assert.equal(formatFixed2(2.675), "2.67");
    assert.equal(formatFixed2(76.111215), "76.11");
    assert.equal(formatFixed2(3.644982), "3.64");
    assert.equal(formatFixed2(165), "165.00");
    assert.equal(formatFixed2(0.0049), "0.00");
  });
  it("names non-finite values as Python does", () => {
    assert.equal(formatFixed2(Number.NaN), "nan");
    assert.equal(formatFixed2(Infinity), "inf");
  });
});

describe("naturalCompare(a, b)", () => {
  it("orders numbered group names by number", () => {
    const groups = ["agg-tp-1-dp-10", "agg-tp-1-dp-2", "agg-tp-1-dp-1", "disagg-tp-1-dp-1"];
    assert.deepEqual(groups.sort(naturalCompare), [
      "agg-tp-1-dp-1",
      "agg-tp-1-dp-2",
      "agg-tp-1-dp-10",
      "disagg-tp-1-dp-1",
    ]);
  });
});

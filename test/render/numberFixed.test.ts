/** formatFixed(x, digits): Python's format(x, ".Nf"), exact binary ties to even. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatFixed, formatFixed2 } from "../../src/number.js";

describe("formatFixed(x, digits)", () => {
  it("rounds exact binary ties to even, like Python", () => {
    assert.equal(formatFixed2(71.125), "71.12"); // toFixed gives 71.13
    assert.equal(formatFixed(0.0625, 3), "0.062"); // toFixed gives 0.063
    assert.equal(formatFixed(0.03125, 4), "0.0312");
    assert.equal(formatFixed(0.09375, 4), "0.0938");
    assert.equal(formatFixed(2.5, 0), "2");
  });
  it("rounds non-ties to nearest", () => {
    assert.equal(formatFixed(0.4981832029768018, 3), "0.498");
    assert.equal(formatFixed(0.004696781094239552, 4), "0.0047");
    assert.equal(formatFixed(-1.0005, 3), "-1.000"); // 1.0005 is below the tie in binary
  });
});

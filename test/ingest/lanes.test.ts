import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { wholeScenarioParts } from "../../src/ingest/readers/lanes.js";

describe("wholeScenarioParts(items, parts, scenarioOf)", () => {
  // [file, scenario]: scenario 1 has 3 files, 2 has 1, 3 has 4, 4 has 2
  const files: [string, number][] = [
    ["a", 1],
    ["b", 1],
    ["c", 1],
    ["d", 2],
    ["e", 3],
    ["f", 3],
    ["g", 3],
    ["h", 3],
    ["i", 4],
    ["j", 4],
  ];
  const scenarioOf = (f: [string, number]) => f[1];

  it("keeps every item, in order, and never splits a scenario", () => {
    for (const parts of [1, 2, 3, 4, 10, 20]) {
      const cut = wholeScenarioParts(files, parts, scenarioOf);
      assert.deepEqual(cut.flat(), files, `${parts} parts`);
      const owners = cut.map((part) => new Set(part.map(scenarioOf)));
      for (let i = 1; i < owners.length; i++)
        for (const s of owners[i]!) assert.ok(!owners[i - 1]!.has(s), `scenario ${s} split (${parts} parts)`);
    }
  });

  it("ends a part at the first scenario boundary from its share of the items on", () => {
    // two parts: a share of 5 items ends inside scenario 3, so the first part takes all of it
    assert.deepEqual(
      wholeScenarioParts(files, 2, scenarioOf).map((p) => p.map(([f]) => f).join("")),
      ["abcdefgh", "ij"],
    );
    // four parts: shares of 3 end at scenario boundaries or inside scenario 3
    assert.deepEqual(
      wholeScenarioParts(files, 4, scenarioOf).map((p) => p.map(([f]) => f).join("")),
      ["abc", "defgh", "ij"],
    );
    assert.equal(wholeScenarioParts(files, 1, scenarioOf).length, 1);
    assert.deepEqual(wholeScenarioParts([], 3, scenarioOf), []);
  });
});

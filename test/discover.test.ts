import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { discover } from "../src/discover.js";
import { Warnings } from "../src/messages.js";
import { fixture } from "./helpers.js";

describe("discover(paths)", () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), "ftparse-discover-"));
    // runs at different depths, a bracketed name that is also a glob pattern, a non-scenario folder
    const a = join(root, "nightly", "2025-10-01", "test_fault_scenario[agg-tp-1-dp-1-none]");
    const b = join(root, "test_fault_scenario[a*b?[c]-frontend]");
    for (const d of [a, b, join(root, "notes")]) mkdirSync(d, { recursive: true });
    writeFileSync(join(a, "client_0.log.txt"), "");
    writeFileSync(join(b, "test.log.txt"), "");
    writeFileSync(join(root, "notes", "readme.txt"), "");
    symlinkSync(root, join(root, "nightly", "loop"));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it("finds scenario directories by their markers at any depth, names taken literally", async () => {
    const w = new Warnings();
    const found = await discover([root], w);
    assert.deepEqual(
      found.map((f) => [f.name, f.layout]),
      [
        ["test_fault_scenario[agg-tp-1-dp-1-none]", "legacy"],
        ["test_fault_scenario[a*b?[c]-frontend]", "legacy"],
      ],
    );
  });

  it("stops at a symlink loop with a warning", async () => {
    const w = new Warnings();
    await discover([root], w);
    assert.ok(
      w.items.some((x) => /symlink loop/.test(x.message) && x.file === join(root, "nightly", "loop")),
    );
  });

  it("accepts a scenario directory itself and reads each directory once", async () => {
    const one = fixture("samples", "legacy", "test_fault_scenario[agg-tp-1-dp-1-none]");
    const found = await discover([one, one], new Warnings());
    assert.equal(found.length, 1);
    assert.equal(found[0]!.dir, one);
  });

  it("rejects a missing path or a file with a usage error", async () => {
    await assert.rejects(
      () => discover([join(root, "missing")], new Warnings()),
      /no such file or directory/,
    );
    await assert.rejects(
      () => discover([join(root, "notes", "readme.txt")], new Warnings()),
      /is not a directory/,
    );
  });
});

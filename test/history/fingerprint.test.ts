import assert from "node:assert/strict";
import { appendFile, cp, rename, utimes } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fingerprintTree } from "../../src/history/fingerprint.js";
import { copyScenario, frontendScenario, tempDir } from "./helpers.js";

let dir: string;
let cleanup: () => Promise<void>;
before(async () => ({ dir, cleanup } = await tempDir()));
after(() => cleanup());

const fp = (root: string, tz = "UTC") => fingerprintTree(root, [join(root, frontendScenario)], { tz });

describe("fingerprintTree(root, scenarioDirs, {tz})", () => {
  it("is the same for the same content, wherever the tree is and whatever its mtimes", async () => {
    const a = await copyScenario(dir, frontendScenario, "a");
    const b = join(dir, "b");
    await cp(a, b, { recursive: true });
    await utimes(join(b, frontendScenario, "client_0.log.txt"), new Date(0), new Date(0));
    const fa = await fp(a);
    assert.match(fa.value, /^sha256:[0-9a-f]{64}$/);
    assert.equal(fa.files, 19);
    assert.equal(fa.bytes, 717000);
    // the same fingerprint; the stamps (for changedFile) are per path and time
    const fb = await fp(b);
    assert.deepEqual([fb.value, fb.files, fb.bytes], [fa.value, fa.files, fa.bytes]);
  });

  it("changes when a file's content, a file's name or the time zone changes", async () => {
    const root = await copyScenario(dir, frontendScenario, "c");
    const base = (await fp(root)).value;
    assert.notEqual((await fp(root, "Europe/Berlin")).value, base);
    await appendFile(join(root, frontendScenario, "client_0.log.txt"), "\n");
    const appended = (await fp(root)).value;
    assert.notEqual(appended, base);
    await rename(
      join(root, frontendScenario, "client_0.log.txt"),
      join(root, frontendScenario, "client_00.log.txt"),
    );
    assert.notEqual((await fp(root)).value, appended);
  });
});

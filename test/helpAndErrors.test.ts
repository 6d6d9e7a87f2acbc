/**
 * Help and errors for people and scripts: a misspelt command or metric gets a suggestion, usage
 * errors point to the command's own --help, `--format json` makes errors JSON, --quiet and
 * --max-warnings, shell completion.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fixture, runCli } from "./helpers.js";

const legacy = fixture("samples", "legacy");

describe("help and errors", () => {
  it("a misspelt command suggests the command", async () => {
    const r = await runCli(["chekc", legacy]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown command "chekc" \(did you mean check\?\)/);
    assert.match(r.stderr, /hint: ftparse check --help/);
  });

  it("an unknown option of a command points to that command's help", async () => {
    const r = await runCli(["runs", "--bogus"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown option '--bogus'/);
    assert.match(r.stderr, /run ftparse runs --help for usage/);
  });

  it("--format json: an error is one JSON object on stderr", async () => {
    const r = await runCli(["no-such-dir-here", "--format", "json"]);
    assert.equal(r.code, 2);
    assert.deepEqual(JSON.parse(r.stderr), {
      error: "no such file or directory: no-such-dir-here",
      exit: 2,
      hint: null,
    });
  });

  it("--quiet prints one count line instead of each warning", async () => {
    const loud = await runCli([legacy, "--format", "json"]);
    assert.match(loud.stderr, /client_3\.log\.txt:100: line skipped/);
    const quiet = await runCli([legacy, "--format", "json", "--quiet"]);
    assert.equal(quiet.code, 0);
    assert.equal(quiet.stderr, "warning: 1 input issue (run without --quiet to list them)\n");
    assert.equal(quiet.stdout, loud.stdout);
  });

  it("--max-warnings N: more warnings than N exit 2, as many pass", async () => {
    assert.equal((await runCli([legacy, "--format", "json", "--max-warnings", "1"])).code, 0);
    const over = await runCli([legacy, "--format", "json", "--max-warnings", "0"]);
    assert.equal(over.code, 2);
    assert.match(over.stderr, /1 input warnings, more than --max-warnings 0/);
    assert.equal((await runCli([legacy, "--format", "json", "--max-warnings", "x"])).code, 2);
  });

  it("completion scripts list the commands and their options", async () => {
    const bash = await runCli(["completion", "bash"]);
    assert.equal(bash.code, 0);
    assert.match(bash.stdout, /complete -o filenames -F _ftparse ftparse/);
    assert.match(bash.stdout, /check\) words="[^"]*--rule-set/);
    const fish = await runCli(["completion", "fish"]);
    assert.match(fish.stdout, /complete -c ftparse -n "__fish_seen_subcommand_from trend" -l metric/);
    assert.match((await runCli(["completion", "zsh"])).stdout, /bashcompinit/);
    assert.equal((await runCli(["completion", "tcsh"])).code, 2);
  });
});

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

  it("every command's --help lists all its options, and a shared option reads the same everywhere", async () => {
    const store = ["--db", "--lake", "--wait", "--format", "--debug"];
    const expected: Record<string, string[]> = {
      "": [
        "--version",
        "--out",
        "--extended",
        "--as",
        "--aggregate",
        "--last",
        "--format",
        "--tz",
        "--strict",
        "--sla",
        "--window",
        "--recovered-ratio",
        "--bucket",
        "--db",
        "--lake",
        "--label",
        "--wait",
        "--debug",
        "--group",
        "--failure",
        "--sort",
        "--quiet",
        "--max-warnings",
        "--help",
      ],
      ingest: [...store, "--label", "--run-id", "--tz", "--strict", "--quiet", "--max-warnings"],
      runs: [...store, "--last", "--label"],
      trend: [...store, "--metric", "--group", "--failure", "--last", "--chart"],
      compare: [
        ...store,
        "--threshold",
        "--min-delta",
        "--counts",
        "--metric",
        "--only-changes",
        "--fail-on-regression",
      ],
      query: [...store, "--file"],
      export: [...store, "--out", "--only", "--tables"],
      check: [
        "--group",
        "--failure",
        "--sort",
        "--rule",
        "--rules",
        "--rule-set",
        "--junit",
        "--summary",
        "--no-step-summary",
        "--format",
        "--tz",
        "--strict",
        "--sla",
        "--window",
        "--recovered-ratio",
        "--db",
        "--label",
        "--wait",
        "--allow-unreadable",
        "--debug",
        "--quiet",
        "--max-warnings",
      ],
      run: [
        "--scenario",
        "--deployment",
        "--failure",
        "--clients",
        "--requests",
        "--fault-at",
        "--model",
        "--out",
        "--force",
        "--list",
        "--db",
        "--label",
        "--format",
        "--debug",
        "--quiet",
        "--max-warnings",
      ],
      completion: [],
    };
    // every command also takes --config (the defaults file)
    for (const flags of Object.values(expected)) flags.push("--config");
    const helpOf = new Map<string, string>();
    for (const [command, flags] of Object.entries(expected)) {
      const r = await runCli(command === "" ? ["--help"] : [command, "--help"]);
      assert.equal(r.code, 0, command);
      const listed = [...r.stdout.matchAll(/^ {2}(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1]);
      assert.deepEqual(listed.sort(), [...flags, ...(command === "" ? [] : ["--help"])].sort(), command);
      for (const line of r.stdout.split(/\n(?= {2}-)/)) {
        const flag = /^ {2}(?:-\w, )?(--[\w-]+)/.exec(line)?.[1];
        if (flag) helpOf.set(`${command}:${flag}`, line.replace(/\s+/g, " "));
      }
    }
    // The options check shares with the report are one declaration: the same help text.
    for (const flag of [
      "--tz",
      "--strict",
      "--sla",
      "--window",
      "--recovered-ratio",
      "--wait",
      "--label",
      "--db",
    ])
      assert.equal(helpOf.get(`check:${flag}`), helpOf.get(`:${flag}`), flag);
    for (const command of ["runs", "trend", "compare", "query", "export"])
      for (const flag of store)
        assert.equal(helpOf.get(`${command}:${flag}`), helpOf.get(`ingest:${flag}`), flag);
  });
});

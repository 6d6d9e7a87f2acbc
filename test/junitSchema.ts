/**
 * Checks of JUnit XML for the tests: validation against the JUnit shape CI systems read
 * (fixtures/check/junit.xsd, with libxml2's XSD validator compiled to WebAssembly), and the counts
 * that an XSD cannot relate (a suite's tests/failures/skipped against its testcases).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { validateXML } from "xmllint-wasm";
import { fixture } from "./helpers.js";

const xsd = readFileSync(fixture("check", "junit.xsd"), "utf8");

/** Validate against the JUnit XSD; returns the validator's error messages (empty when valid). */
export async function junitSchemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: "junit.xml", contents: xml }],
    schema: [{ fileName: "junit.xsd", contents: xsd }],
  });
  return result.errors.map((e) => e.rawMessage);
}

/** Counts must agree with the elements: per suite and in total. */
export function assertCountsConsistent(xml: string): void {
  const attr = (tag: string, name: string) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(tag)?.[1]);
  const suites = xml.split("<testsuite ").slice(1);
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const suite of suites) {
    const open = suite.slice(0, suite.indexOf(">"));
    const counts = {
      tests: (suite.match(/<testcase /g) ?? []).length,
      failures: (suite.match(/<failure /g) ?? []).length,
      skipped: (suite.match(/<skipped /g) ?? []).length,
    };
    assert.equal(attr(open, "tests"), counts.tests, open);
    assert.equal(attr(open, "failures"), counts.failures, open);
    assert.equal(attr(open, "skipped"), counts.skipped, open);
    assert.equal(attr(open, "errors"), 0, open);
    tests += counts.tests;
    failures += counts.failures;
    skipped += counts.skipped;
  }
  const root = xml.slice(xml.indexOf("<testsuites"), xml.indexOf(">", xml.indexOf("<testsuites")));
  assert.equal(attr(root, "tests"), tests);
  assert.equal(attr(root, "failures"), failures);
  assert.equal(attr(root, "skipped"), skipped);
}

/** The output formats of `--format` (docs/contract.md), for the option parser and every renderer. */
export const FORMATS = ["table", "markdown", "csv", "json"] as const;
export type Format = (typeof FORMATS)[number];

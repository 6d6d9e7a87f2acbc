/**
 * `ftparse completion bash|zsh|fish`: a completion script made from the commander program itself, so
 * that it lists every command and option there is (nothing to keep in step by hand). Paths complete
 * as files, as the shell does by default.
 */
import type { Command } from "commander";
import { usageError } from "./errors.js";

export const SHELLS = ["bash", "zsh", "fish"] as const;

export function completionScript(program: Command, shell: string): string {
  const commands = program.commands.map((c) => c.name());
  const flags = (c: Command) => c.options.map((o) => o.long).filter((l): l is string => Boolean(l));
  const perCommand = [
    ["", flags(program)] as const,
    ...program.commands.map((c) => [c.name(), flags(c)] as const),
  ];
  switch (shell) {
    case "bash":
      return (
        '# ftparse completion for bash: eval "$(ftparse completion bash)"\n' +
        "_ftparse() {\n" +
        '  local cur="${COMP_WORDS[COMP_CWORD]}" cmd="${COMP_WORDS[1]}" words\n' +
        '  case "$cmd" in\n' +
        perCommand
          .filter(([name]) => name !== "")
          .map(([name, f]) => `    ${name}) words="${f.join(" ")}" ;;\n`)
          .join("") +
        `    *) words="${[...commands, ...flags(program)].join(" ")}" ;;\n` +
        "  esac\n" +
        '  if [[ "$cur" == -* || $COMP_CWORD -eq 1 ]]; then COMPREPLY=($(compgen -W "$words" -- "$cur"));\n' +
        '  else COMPREPLY=($(compgen -f -- "$cur")); fi\n' +
        "}\n" +
        "complete -o filenames -F _ftparse ftparse\n"
      );
    case "zsh":
      return (
        '# ftparse completion for zsh: eval "$(ftparse completion zsh)"\n' +
        "autoload -U bashcompinit && bashcompinit\n" +
        completionScript(program, "bash").split("\n").slice(1).join("\n")
      );
    case "fish":
      return (
        "# ftparse completion for fish: ftparse completion fish > ~/.config/fish/completions/ftparse.fish\n" +
        program.commands
          .map(
            (c) =>
              `complete -c ftparse -n __fish_use_subcommand -a ${c.name()} -d ${JSON.stringify(c.description().split(":")[0]!.slice(0, 60))}\n`,
          )
          .join("") +
        perCommand
          .flatMap(([name, f]) =>
            f.map(
              (l) =>
                `complete -c ftparse ${name ? `-n "__fish_seen_subcommand_from ${name}" ` : ""}-l ${l.slice(2)}\n`,
            ),
          )
          .join("")
      );
    default:
      throw usageError(
        `no completion for "${shell}": choose ${SHELLS.join(", ")}`,
        "ftparse completion --help",
      );
  }
}

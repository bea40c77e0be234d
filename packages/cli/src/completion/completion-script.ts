import type { Command } from "commander";

/** Shells `nsc completion` writes scripts for. */
export const COMPLETION_SHELLS = ["bash", "zsh", "fish"] as const;
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

interface Node {
  /** Subcommand path, space-separated; "" for `nsc` itself. */
  readonly path: string;
  readonly subcommands: readonly string[];
  readonly flags: readonly string[];
}

function walk(command: Command, path: string, out: Node[]): void {
  const subcommands = command.commands.map((c) => c.name());
  const flags = command.options.flatMap((o) => [o.long, o.short].filter((f): f is string => f !== undefined));
  out.push({ path, subcommands, flags: [...flags, "--help"] });
  for (const sub of command.commands) walk(sub, path === "" ? sub.name() : `${path} ${sub.name()}`, out);
}

/**
 * A completion script for `shell`, generated from the command tree itself, so it never lists a command
 * or flag that does not exist: subcommands after each command path, and that command's flags after `-`.
 */
export function completionScript(program: Command, shell: CompletionShell): string {
  const nodes: Node[] = [];
  walk(program, "", nodes);
  switch (shell) {
    case "bash": {
      const cases = nodes
        .map((n) => `    "${n.path}") words="${[...n.subcommands, ...n.flags].join(" ")}" ;;`)
        .join("\n");
      return `# nsc completion for bash: source <(nsc completion bash)
_nsc() {
  local cur path="" word i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    [[ "$word" == -* ]] && continue
    if [[ -z "$path" ]]; then candidate="$word"; else candidate="$path $word"; fi
    case "$candidate" in
${nodes.map((n) => `      "${n.path}") path="$candidate" ;;`).join("\n")}
    esac
  done
  local words=""
  case "$path" in
${cases}
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F _nsc nsc
`;
    }
    case "zsh":
      return `#compdef nsc
# nsc completion for zsh: source <(nsc completion zsh)
autoload -U bashcompinit && bashcompinit
${completionScript(program, "bash").split("\n").slice(1).join("\n")}`;
    case "fish": {
      const lines = ["# nsc completion for fish: nsc completion fish | source", "complete -c nsc -f"];
      for (const node of nodes) {
        const words = node.path === "" ? [] : node.path.split(" ");
        const condition =
          words.length === 0 ? "__fish_use_subcommand" : `__fish_seen_subcommand_from ${words.at(-1) ?? ""}`;
        for (const sub of node.subcommands) lines.push(`complete -c nsc -n '${condition}' -a ${sub}`);
        for (const flag of node.flags.filter((f) => f.startsWith("--"))) {
          lines.push(`complete -c nsc -n '${condition}' -l ${flag.slice(2)}`);
        }
      }
      return `${lines.join("\n")}\n`;
    }
    default: {
      return shell satisfies never;
    }
  }
}

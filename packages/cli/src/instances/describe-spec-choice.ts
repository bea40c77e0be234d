import type { InstanceInfo as Instance } from "@nsc/core/api/instances.js";

/**
 * Says which Tailscale spec an instance got and why, for plain output after `Tailscale spec: `.
 * `fileSpec` is the spec a devbox file asked for, when known, so an override can be named.
 *
 * @example
 * describeSpecChoice({ …, tailscale_spec: "corp", spec_source: "locked_default" }, "other")
 * // 'corp (locked workspace default; overrides the file\'s "other")'
 */
export function describeSpecChoice(
  instance: Pick<Instance, "kind" | "tailscale_spec" | "spec_source" | "runner_profile">,
  fileSpec?: string,
): string {
  const spec = instance.tailscale_spec ?? "none";
  const source = instance.spec_source;
  switch (source) {
    case "request":
      return `${spec} (named at registration)`;
    case "label":
      return instance.runner_profile === null
        ? `${spec} (from the runner's profile label)`
        : `${spec} (from the tailscale.spec feature of runner profile "${instance.runner_profile}")`;
    case "file":
      return `${spec} (from the devbox file)`;
    case "default":
      return `${spec} (workspace default)`;
    case "locked_default": {
      const what =
        instance.tailscale_spec === null
          ? "locked workspace default: no Tailscale"
          : "locked workspace default";
      const overrides =
        fileSpec !== undefined && fileSpec !== instance.tailscale_spec
          ? `; overrides the file's "${fileSpec}"`
          : "";
      return `${spec} (${what}${overrides})`;
    }
    case "none":
      return `none (${noneReason(instance.kind)})`;
    default:
      return source satisfies never;
  }
}

function noneReason(kind: Instance["kind"]): string {
  switch (kind) {
    case "generic":
      return "none named at registration; it cannot join a tailnet";
    case "runner":
      return "its profile label has no tailscale.spec feature; it cannot join a tailnet";
    case "devbox":
      return "the file names none and the workspace has no default; it cannot join a tailnet";
    default:
      return kind satisfies never;
  }
}

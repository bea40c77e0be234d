import { instanceEnvelopeSchema, instanceListSchema } from "@nsc/core/api/instances.js";
import type { RegisterInstanceRequest } from "@nsc/core/instances/instance.js";
import { Command } from "commander";
import { INSTANCE_KINDS, type InstanceKind } from "@nsc/core/id-tokens/instance-kind.js";
import { NscError } from "@nsc/core/errors/nsc-error.js";
import { parseRunnerLabels } from "@nsc/core/runners/parse-runner-labels.js";
import { parseSpecName } from "@nsc/core/ids/spec-name.js";
import type { CommandContext } from "../command-context.js";
import { parseOutputFormat, printJson } from "../io/output-format.js";
import { parseDuration } from "../tokens/parse-duration.js";
import { describeSpecChoice } from "./describe-spec-choice.js";
import { formatInstance, formatInstanceList } from "./format-instance.js";
import { formatTokenHandout, registerInstance, registrationJson } from "./register-instance.js";

const collect = (value: string, previous: readonly string[]): readonly string[] => [...previous, value];

interface CreateFlags {
  readonly kind: string;
  readonly tailscaleSpec?: string;
  readonly label: readonly string[];
  readonly ttl?: string;
  readonly tokenFile?: string;
  readonly output: string;
}

const pathOf = (id: string): string => `/v1/instances/${encodeURIComponent(id)}`;

/**
 * `nsc instances create|list|describe|destroy`: instances registered by whatever launches workloads (an
 * admin or launcher token). Each new instance gets a workload token, shown once or written to a file.
 */
export function instancesCommand(context: CommandContext): Command {
  const instances = new Command("instances").description("register and manage workload instances");

  instances
    .command("create")
    .description("register an instance and hand out its workload token")
    .option("--kind <kind>", `one of ${INSTANCE_KINDS.join(", ")}`, "generic")
    .option("--tailscale-spec <name>", "Tailscale spec a generic instance joins with")
    .option(
      "--label <label>",
      "a runner's runs-on label, e.g. 'namespace-profile-ci;tailscale.spec=corp'; repeat for each",
      collect,
      [] as readonly string[],
    )
    .option("--ttl <duration>", "lifetime such as 30m or 6h (default: the server's)")
    .option("--token-file <path>", "write the workload token there (mode 0600) instead of printing it")
    .option("-o, --output <format>", "plain or json", "plain")
    .action(async (flags: CreateFlags) => {
      const format = parseOutputFormat(flags.output);
      const request = buildCreateRequest(flags);
      const registration = await registerInstance(context.client(), request, flags.tokenFile);
      if (format === "json") {
        printJson(context.io.stdout, registrationJson(registration));
        return;
      }
      const { instance } = registration;
      context.io.stdout.write(
        `Registered ${instance.kind} instance ${instance.id} (hostname ${instance.hostname}, expires ${instance.expires_at}).\n` +
          `Tailscale spec: ${describeSpecChoice(instance)}\n` +
          formatTokenHandout(registration),
      );
    });

  instances
    .command("list")
    .description("list the workspace's instances")
    .option("-o, --output <format>", "plain or json", "plain")
    .action(async (flags: { output: string }) => {
      const format = parseOutputFormat(flags.output);
      const { instances: list } = await context.client().call("GET", "/v1/instances", instanceListSchema);
      if (format === "json") printJson(context.io.stdout, { instances: list });
      else context.io.stdout.write(formatInstanceList(list, context.io.now()));
    });

  instances
    .command("describe")
    .description("show one instance")
    .argument("<id>", "instance ID (in-…)")
    .option("-o, --output <format>", "plain or json", "plain")
    .action(async (id: string, flags: { output: string }) => {
      const format = parseOutputFormat(flags.output);
      const { instance } = await context.client().call("GET", pathOf(id), instanceEnvelopeSchema);
      if (format === "json") printJson(context.io.stdout, { instance });
      else context.io.stdout.write(formatInstance(instance, context.io.now()));
    });

  instances
    .command("destroy")
    .description("destroy an instance; its workload token stops working at once")
    .argument("<id>", "instance ID (in-…)")
    .option("-o, --output <format>", "plain or json", "plain")
    .action(async (id: string, flags: { output: string }) => {
      const format = parseOutputFormat(flags.output);
      const { instance } = await context.client().call("DELETE", pathOf(id), instanceEnvelopeSchema);
      if (format === "json") printJson(context.io.stdout, { instance });
      else
        context.io.stdout.write(`Destroyed instance ${instance.id}; its workload token no longer works.\n`);
    });

  return instances;
}

function parseKind(value: string): InstanceKind {
  if ((INSTANCE_KINDS as readonly string[]).includes(value)) return value as InstanceKind;
  throw new NscError(
    "invalid_request",
    `invalid --kind ${JSON.stringify(value)}: use one of ${INSTANCE_KINDS.join(", ")}`,
    { field: "kind" },
  );
}

/** Checks the flags for a kind locally, so mistakes fail before anything is sent. */
function buildCreateRequest(flags: CreateFlags): RegisterInstanceRequest {
  const kind = parseKind(flags.kind);
  const ttl = flags.ttl === undefined ? {} : { ttl_secs: parseDuration(flags.ttl, "--ttl") };
  switch (kind) {
    case "generic":
      if (flags.label.length > 0) {
        throw new NscError("invalid_request", "--label is for --kind runner", { field: "labels" });
      }
      return {
        kind,
        ...(flags.tailscaleSpec === undefined
          ? {}
          : { tailscale_spec: parseSpecName(flags.tailscaleSpec, "--tailscale-spec") }),
        ...ttl,
      };
    case "runner":
      if (flags.tailscaleSpec !== undefined) {
        throw new NscError(
          "invalid_request",
          "a runner's spec comes from its profile label: use --label 'namespace-profile-<name>;tailscale.spec=<spec>' instead of --tailscale-spec",
          { field: "tailscale_spec" },
        );
      }
      if (flags.label.length === 0) {
        throw new NscError(
          "invalid_runner_label",
          "a runner needs its runs-on labels: give --label once per label",
          { field: "labels" },
        );
      }
      parseRunnerLabels(flags.label);
      return { kind, labels: [...flags.label], ...ttl };
    case "devbox":
      throw new NscError(
        "invalid_request",
        "register a devbox from its spec file: nsc devbox create --from FILE",
        { field: "kind" },
      );
    default:
      return kind satisfies never;
  }
}

import type { Command } from "commander";
import { NscError } from "@nsc/core/errors/nsc-error.js";
import type { CommandContext } from "../command-context.js";
import { parseOutputFormat, printJson } from "../io/output-format.js";
import { prepareTokenFile } from "../workload/token-file-writer.js";
import { exchangeEndpoint, exchangeForWorkloadToken } from "./exchange-token.js";
import {
  DEFAULT_KUBERNETES_TOKEN_FILE,
  readExternalToken,
  type ExternalTokenSource,
} from "./external-token-source.js";

const collect = (value: string, previous: readonly string[]): readonly string[] => [...previous, value];

interface ExchangeFlags {
  readonly workspace?: string;
  readonly out?: string;
  readonly endpoint?: string;
  readonly label: readonly string[];
  readonly trustRelationship?: string;
  readonly output: string;
}

function withExchangeOptions(command: Command): Command {
  return command
    .option("--workspace <id>", "the workspace ID (tenant_id) whose trust relationships admit the token")
    .option("--out <path>", "where to write the workload token file (mode 0600)")
    .option("--endpoint <url>", "the nsc server (default: $NSC_ENDPOINT, else the saved login)")
    .option("--label <label>", "a runner label of the job; repeat for each", collect, [] as readonly string[])
    .option("--trust-relationship <name>", "use only this trust relationship")
    .option("-o, --output <format>", "plain or json", "plain");
}

/**
 * Runs one exchange: the workload's own token for an instance, whose workload token is written to
 * `--out` (the same 0600 file as `nsc instances create --token-file`). The file is prepared before the
 * exchange, so an unwritable path fails first.
 */
async function runExchange(
  context: CommandContext,
  flags: ExchangeFlags,
  source: ExternalTokenSource,
): Promise<void> {
  const format = parseOutputFormat(flags.output);
  if (flags.workspace === undefined || flags.workspace === "") {
    throw new NscError(
      "invalid_request",
      "--workspace is required: the workspace ID (nsc workspace describe shows it as Tenant ID)",
    );
  }
  if (flags.out === undefined || flags.out === "") {
    throw new NscError("invalid_request", "--out is required: the path of the workload token file to write");
  }
  const endpoint = exchangeEndpoint(flags.endpoint, context.env);
  const token = await readExternalToken(source, context.env, context.transport());
  const writer = prepareTokenFile(flags.out);
  try {
    const result = await exchangeForWorkloadToken(
      endpoint,
      {
        workspace_id: flags.workspace,
        token,
        ...(flags.label.length === 0 ? {} : { labels: [...flags.label] }),
        ...(flags.trustRelationship === undefined ? {} : { trust_relationship: flags.trustRelationship }),
      },
      { transport: context.transport(), retry: context.retry },
    );
    writer.commit({ bearer_token: result.credential.token, endpoint: result.credential.endpoint });
    if (format === "json") {
      printJson(context.io.stdout, {
        instance: result.instance,
        token_file: writer.path,
        expires_at: result.expiresAt,
        trust_relationship: result.trustRelationship,
      });
    } else {
      context.io.stdout.write(
        `Exchanged the token for instance ${result.instanceId} (${result.kind}${result.spec === null ? "" : `, spec "${result.spec}"`}) through trust relationship "${result.trustRelationship}".\n` +
          `Workload token written to ${writer.path} (mode 0600), valid until ${result.expiresAt}. Set NSC_TOKEN_FILE to it.\n`,
      );
    }
  } catch (error) {
    writer.discard();
    throw error;
  }
}

/** Adds `exchange-oidc-token`, `exchange-github-token` and `exchange-k8s-token` to `nsc auth`. */
export function addExchangeCommands(auth: Command, context: CommandContext): void {
  withExchangeOptions(
    auth
      .command("exchange-oidc-token")
      .description("trade a token of a trusted OIDC issuer for this workload's nsc credential")
      .option("--token-file <path>", "the file holding the external issuer's JWT"),
  ).action(async (flags: ExchangeFlags & { tokenFile?: string }) => {
    if (flags.tokenFile === undefined) {
      throw new NscError(
        "invalid_request",
        "--token-file is required: the file holding the external issuer's token",
      );
    }
    await runExchange(context, flags, { kind: "file", path: flags.tokenFile });
  });

  withExchangeOptions(
    auth
      .command("exchange-github-token")
      .description("trade this GitHub Actions job's OIDC token for its nsc credential")
      .option("--audience <aud>", "the audience to ask GitHub for: the one the trust relationship expects"),
  ).action(async (flags: ExchangeFlags & { audience?: string }) => {
    if (flags.audience === undefined || flags.audience === "") {
      throw new NscError(
        "invalid_audience",
        "--audience is required: the audience the workspace's trust relationship expects",
      );
    }
    await runExchange(context, flags, { kind: "github", audience: flags.audience });
  });

  withExchangeOptions(
    auth
      .command("exchange-k8s-token")
      .description("trade this pod's projected service-account token for its nsc credential")
      .option("--token-file <path>", "the projected token", DEFAULT_KUBERNETES_TOKEN_FILE),
  ).action(async (flags: ExchangeFlags & { tokenFile: string }) => {
    await runExchange(context, flags, { kind: "kubernetes", path: flags.tokenFile });
  });
}

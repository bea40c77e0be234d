import { readFileSync } from "node:fs";
import { Command } from "commander";
import { INSTANCE_KINDS } from "@nsc/core/id-tokens/instance-kind.js";
import { NscError } from "@nsc/core/errors/nsc-error.js";
import {
  parseTrustRelationshipName,
  parseTrustRelationshipSpec,
  type TrustRelationshipSpec,
} from "@nsc/core/trust/trust-relationship.js";
import type { TrustRelationshipInfo } from "@nsc/core/api/trust.js";
import type { CommandContext } from "../command-context.js";
import { parseOutputFormat, printJson } from "../io/output-format.js";
import { parseDuration } from "../tokens/parse-duration.js";
import { formatTrustRelationships } from "./format-trust-relationships.js";
import {
  createTrustRelationship,
  getTrustRelationship,
  listTrustRelationships,
  removeTrustRelationship,
  replaceTrustRelationship,
} from "./trust-relationships-api.js";

const collect = (value: string, previous: readonly string[]): readonly string[] => [...previous, value];

interface RelationshipFlags {
  readonly issuer?: string;
  readonly subjectMatch?: string;
  readonly audience?: string;
  readonly claim: readonly string[];
  readonly jwksFile?: string;
  readonly fetchJwks?: boolean;
  readonly kind?: string;
  readonly tailscaleSpec?: string;
  readonly allowLabel: readonly string[];
  readonly instanceTtl?: string;
  readonly output: string;
}

function withRelationshipOptions(command: Command): Command {
  return command
    .option("--issuer <url>", "the external issuer, exactly as its tokens' iss claim (https)")
    .option(
      "--subject-match <pattern>",
      "pattern the token's sub must match; * matches any run of characters",
    )
    .option("--audience <aud>", "the audience the token must carry")
    .option(
      "--claim <path=pattern>",
      "a claim rule, e.g. kubernetes.io.namespace=ci; repeat for each",
      collect,
      [] as readonly string[],
    )
    .option(
      "--jwks-file <file>",
      "the issuer's JWKS, when nsc-server cannot fetch it (e.g. kubectl get --raw /openid/v1/jwks)",
    )
    .option("--kind <kind>", `what a match grants: ${INSTANCE_KINDS.join(", ")}`)
    .option(
      "--tailscale-spec <name>",
      "the Tailscale spec instances join with (runners: else chosen by the job's labels)",
    )
    .option(
      "--allow-label <pattern>",
      "a runner label pattern allowed at exchange time; repeat for each",
      collect,
      [] as readonly string[],
    )
    .option("--instance-ttl <duration>", "lifetime of each instance, 1m to 24h (default 1h)")
    .option("-o, --output <format>", "plain or json", "plain");
}

function parseClaims(values: readonly string[]): { claim: string; pattern: string }[] {
  return values.map((value) => {
    const at = value.indexOf("=");
    if (at <= 0 || at === value.length - 1) {
      throw new NscError(
        "invalid_trust_relationship",
        `invalid --claim ${JSON.stringify(value)}: use PATH=PATTERN, e.g. repository=acme/*`,
      );
    }
    return { claim: value.slice(0, at), pattern: value.slice(at + 1) };
  });
}

function readJwksFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new NscError(
      "invalid_jwks",
      `cannot read --jwks-file ${path} (${typeof code === "string" ? code : String(error)})`,
    );
  }
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new NscError(
      "invalid_jwks",
      `--jwks-file ${path} is not JSON: give the JWK Set as the issuer serves it`,
    );
  }
}

/** The request body from flags over a base (the current relationship for `update`). */
function specFrom(flags: RelationshipFlags, base: Partial<TrustRelationshipInfo>): TrustRelationshipSpec {
  const body: Record<string, unknown> = {
    issuer: flags.issuer ?? base.issuer,
    audience: flags.audience ?? base.audience,
    subject_match: flags.subjectMatch ?? base.subject_match,
    claims: flags.claim.length > 0 ? parseClaims(flags.claim) : (base.claims ?? []),
    jwks:
      flags.jwksFile !== undefined
        ? readJwksFile(flags.jwksFile)
        : flags.fetchJwks === true
          ? null
          : (base.jwks ?? null),
    kind: flags.kind ?? base.kind,
    tailscale_spec: flags.tailscaleSpec ?? base.tailscale_spec ?? null,
    allow_labels: flags.allowLabel.length > 0 ? [...flags.allowLabel] : (base.allow_labels ?? []),
    instance_ttl_secs:
      flags.instanceTtl === undefined
        ? base.instance_ttl_secs
        : parseDuration(flags.instanceTtl, "--instance-ttl"),
  };
  for (const [key, flag] of [
    ["issuer", "--issuer"],
    ["audience", "--audience"],
    ["subject_match", "--subject-match"],
    ["kind", "--kind"],
  ] as const) {
    if (body[key] === undefined) throw new NscError("invalid_trust_relationship", `${flag} is required`);
  }
  if (body.instance_ttl_secs === undefined) delete body.instance_ttl_secs;
  // The same validation as the server's, so mistakes are caught before any request.
  return parseTrustRelationshipSpec(body);
}

function print(
  context: CommandContext,
  format: "plain" | "json",
  relationship: TrustRelationshipInfo,
  verb: string,
): void {
  if (format === "json") printJson(context.io.stdout, relationship);
  else context.io.stdout.write(`${verb} trust relationship "${relationship.name}".\n`);
}

/** `nsc auth trust-relationships add|list|update|remove` (admin token). */
export function trustRelationshipsCommand(context: CommandContext): Command {
  const command = new Command("trust-relationships").description(
    "let workloads exchange tokens of external OIDC issuers (Kubernetes, GitHub Actions) for nsc credentials",
  );

  withRelationshipOptions(
    command.command("add").description("add a trust relationship").argument("<name>", "relationship name"),
  ).action(async (name: string, flags: RelationshipFlags) => {
    const format = parseOutputFormat(flags.output);
    const parsedName = parseTrustRelationshipName(name);
    const spec = specFrom(flags, {});
    print(
      context,
      format,
      await createTrustRelationship(context.client(), { name: parsedName, ...spec }),
      "Added",
    );
  });

  withRelationshipOptions(
    command
      .command("update")
      .description("change a trust relationship; flags not given keep their value")
      .argument("<name>", "relationship name")
      .option("--fetch-jwks", "drop the given JWKS and fetch the issuer's again", false),
  ).action(async (name: string, flags: RelationshipFlags) => {
    const format = parseOutputFormat(flags.output);
    const parsedName = parseTrustRelationshipName(name);
    const client = context.client();
    const current = await getTrustRelationship(client, parsedName);
    const spec = specFrom(flags, current);
    print(context, format, await replaceTrustRelationship(client, parsedName, spec), "Updated");
  });

  command
    .command("list")
    .description("list the workspace's trust relationships")
    .option("-o, --output <format>", "plain or json", "plain")
    .action(async (flags: { output: string }) => {
      const format = parseOutputFormat(flags.output);
      const relationships = await listTrustRelationships(context.client());
      if (format === "json") printJson(context.io.stdout, { trust_relationships: relationships });
      else context.io.stdout.write(formatTrustRelationships(relationships));
    });

  command
    .command("remove")
    .description("remove a trust relationship; instances it made keep their lifetime")
    .argument("<name>", "relationship name")
    .option("-o, --output <format>", "plain or json", "plain")
    .action(async (name: string, flags: { output: string }) => {
      const format = parseOutputFormat(flags.output);
      const parsedName = parseTrustRelationshipName(name);
      await removeTrustRelationship(context.client(), parsedName);
      if (format === "json") printJson(context.io.stdout, { removed: parsedName });
      else context.io.stdout.write(`Removed trust relationship "${parsedName}".\n`);
    });

  return command;
}

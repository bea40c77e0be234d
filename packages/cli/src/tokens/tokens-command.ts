import { Command } from "commander";
import { NscError } from "@nsc/core/errors/nsc-error.js";
import {
  apiTokenEnvelopeSchema,
  apiTokenListSchema,
  createApiTokenResponseSchema,
  type ApiTokenInfo,
} from "@nsc/core/api/tokens.js";
import { ROLES, type Role } from "@nsc/core/tokens/token-roles.js";
import type { CommandContext } from "../command-context.js";
import { parseOutputFormat, printJson } from "../io/output-format.js";
import { table } from "../io/table.js";
import { parseDuration } from "./parse-duration.js";

/** `nsc tokens create|list|revoke`: API tokens of the workspace (admin to create and revoke). */
export function tokensCommand(context: CommandContext): Command {
  const tokens = new Command("tokens").description("manage the workspace's API tokens");

  tokens
    .command("create")
    .description("create an API token; its secret is printed once")
    .requiredOption("--name <name>", "a name to recognise the token by")
    .option("--role <role>", `one of ${ROLES.join(", ")}`, "member")
    .option("--expires-in <duration>", "lifetime such as 90d, 12h or 30m (default: no expiry)")
    .option("-o, --output <format>", "plain or json", "plain")
    .action(async (flags: { name: string; role: string; expiresIn?: string; output: string }) => {
      const format = parseOutputFormat(flags.output);
      if (!(ROLES as readonly string[]).includes(flags.role)) {
        throw new NscError(
          "invalid_role",
          `invalid role ${JSON.stringify(flags.role)}: use one of ${ROLES.join(", ")}`,
        );
      }
      const body = {
        name: flags.name,
        role: flags.role as Role,
        ...(flags.expiresIn === undefined
          ? {}
          : { expires_in_secs: parseDuration(flags.expiresIn, "--expires-in") }),
      };
      const created = await context.client().call("POST", "/v1/tokens", createApiTokenResponseSchema, body);
      if (format === "json") {
        printJson(context.io.stdout, created);
        return;
      }
      context.io.stdout.write(
        `Created ${created.token.role} token ${created.token.id} ("${created.token.name}"). Its secret is shown only this once:\n\n  ${created.secret}\n\n`,
      );
    });

  tokens
    .command("list")
    .description("list API tokens (never their secrets)")
    .option("-o, --output <format>", "plain or json", "plain")
    .action(async (flags: { output: string }) => {
      const format = parseOutputFormat(flags.output);
      const { tokens: list } = await context.client().call("GET", "/v1/tokens", apiTokenListSchema);
      if (format === "json") {
        printJson(context.io.stdout, { tokens: list });
        return;
      }
      if (list.length === 0) {
        context.io.stdout.write("No API tokens.\n");
        return;
      }
      const rows = list.map((t) => [
        t.id,
        t.name,
        t.role,
        statusOf(t, context.io.now()),
        t.created_at,
        t.last_used_at ?? "never",
      ]);
      context.io.stdout.write(table(["ID", "NAME", "ROLE", "STATUS", "CREATED", "LAST USED"], rows));
    });

  tokens
    .command("revoke")
    .description("revoke an API token at once")
    .argument("<id>", "token ID (tk-…)")
    .option("-o, --output <format>", "plain or json", "plain")
    .action(async (id: string, flags: { output: string }) => {
      const format = parseOutputFormat(flags.output);
      const path = `/v1/tokens/${encodeURIComponent(id)}`;
      const { token } = await context.client().call("DELETE", path, apiTokenEnvelopeSchema);
      if (format === "json") printJson(context.io.stdout, { token });
      else context.io.stdout.write(`Revoked API token ${token.id} ("${token.name}").\n`);
    });

  return tokens;
}

function statusOf(token: ApiTokenInfo, now: number): string {
  if (token.revoked_at !== null) return "revoked";
  if (token.expires_at !== null && Date.parse(token.expires_at) <= now) return "expired";
  return "active";
}

import { Command } from "commander";
import { auditPageSchema } from "@nsc/core/api/audit.js";
import { NscError } from "@nsc/core/errors/nsc-error.js";
import type { CommandContext } from "../command-context.js";
import { parseOutputFormat, printJson } from "../io/output-format.js";
import { table } from "../io/table.js";
import { parseDuration } from "../tokens/parse-duration.js";

/**
 * `nsc audit list [--since 24h|RFC3339] [--action PREFIX] [--limit N] [--before EVENT-ID] [-o json]`, newest
 * first (admins). Pages as the API does: a full page names the `--before` of the next one (`next_before` in
 * JSON, a line on stderr in plain output).
 */
export function auditCommand(context: CommandContext): Command {
  const audit = new Command("audit").description("read the workspace's audit log");
  audit
    .command("list")
    .description("list audit events, newest first")
    .option("--since <when>", "only events since a time (RFC 3339) or a duration ago (24h, 7d)")
    .option("--action <prefix>", "only actions with this prefix, such as tailscale_spec or id_token.issued")
    .option("--limit <n>", "at most this many events (1-500)", "50")
    .option("--before <event-id>", "only events older than this one: the next page after a full page")
    .option("-o, --output <format>", "plain or json", "plain")
    .action(
      async (flags: { since?: string; action?: string; limit: string; before?: string; output: string }) => {
        const format = parseOutputFormat(flags.output);
        const query = new URLSearchParams({ limit: flags.limit });
        if (flags.since !== undefined) query.set("since", parseSince(flags.since, context.io.now()));
        if (flags.action !== undefined) query.set("action", flags.action);
        if (flags.before !== undefined) {
          if (!/^ev-[0-9a-f]{28}$/u.test(flags.before)) {
            throw new NscError(
              "invalid_usage",
              `invalid --before ${JSON.stringify(flags.before)}: pass the id (ev-…) of the last event of the previous page`,
            );
          }
          query.set("before", flags.before);
        }
        const path = `/v1/audit?${query.toString()}`;
        const { events, next_before: nextBefore } = await context.client().call("GET", path, auditPageSchema);
        if (format === "json") {
          printJson(context.io.stdout, { events, next_before: nextBefore });
          return;
        }
        if (events.length === 0) {
          context.io.stdout.write("No audit events.\n");
          return;
        }
        const rows = events.map((e) => [
          e.at,
          e.action,
          `${e.object_kind}:${e.object_id}`,
          e.actor,
          JSON.stringify(e.detail),
        ]);
        context.io.stdout.write(table(["TIME", "ACTION", "OBJECT", "ACTOR", "DETAIL"], rows));
        if (nextBefore !== null) context.io.stderr.write(`More events: add --before ${nextBefore}\n`);
      },
    );
  return audit;
}

function parseSince(value: string, now: number): string {
  if (/^\d{4}-\d{2}-\d{2}T/u.test(value)) {
    if (Number.isNaN(Date.parse(value)))
      throw new NscError("invalid_request", `invalid --since ${JSON.stringify(value)}`);
    return value;
  }
  return new Date(now - parseDuration(value, "--since") * 1000).toISOString();
}

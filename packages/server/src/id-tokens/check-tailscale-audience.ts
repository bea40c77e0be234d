import { NscError, looksLikeTailscaleAudience, tailscaleAudienceOf, type Audience } from "@nsc/core";
import type { Executor } from "../store/executor.js";
import type { InstancesTable } from "../store/schema.js";

/**
 * Refuses an ID token for another spec's Tailscale audience: an instance may ask for
 * `api.tailscale.com/<client-id>` only with its own spec's client ID, so it can never join through a trust
 * credential made for another spec (and get that spec's tags). Other audiences pass, and cost no query.
 *
 * @throws NscError `audience_not_allowed`.
 */
export async function checkTailscaleAudience(
  db: Executor,
  instance: InstancesTable,
  audience: Audience,
): Promise<void> {
  if (!looksLikeTailscaleAudience(audience)) return;
  const specs = await db
    .selectFrom("tailscale_specs")
    .select(["name", "oauth_client_id"])
    .where("workspace_id", "=", instance.workspace_id)
    .execute();
  const wanted = audience.toLowerCase();
  const own = specs.find((spec) => spec.name === instance.tailscale_spec);
  if (own !== undefined && tailscaleAudienceOf(own.oauth_client_id).toLowerCase() === wanted) return;
  const other = specs.find((spec) => tailscaleAudienceOf(spec.oauth_client_id).toLowerCase() === wanted);
  if (other === undefined) return;
  const mine =
    instance.tailscale_spec === null
      ? "this instance has no Tailscale spec"
      : `this instance's spec is "${instance.tailscale_spec}"`;
  throw new NscError(
    "audience_not_allowed",
    `audience ${audience} belongs to Tailscale spec "${other.name}" and ${mine}: an instance gets Tailscale tokens only for its own spec (run \`nsc tailscale up\`), so register an instance with spec "${other.name}" to join with it`,
    { field: "audience" },
  );
}

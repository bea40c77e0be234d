import { NscError, looksLikeTailscaleAudience, tailscaleAudienceOf, type Audience } from "@nsc/core";
import type { Executor } from "../store/executor.js";
import { precompiled } from "../store/precompiled.js";
import type { InstancesTable, TailscaleSpecsTable } from "../store/schema.js";

type SpecAudience = Pick<TailscaleSpecsTable, "name" | "oauth_client_id" | "audience">;

/** The workspace's specs and their audiences (this runs on every ID token issued). */
const allSpecs = precompiled((db) =>
  db
    .selectFrom("tailscale_specs")
    .select(["name", "oauth_client_id", "audience"])
    .where("workspace_id", "=", "")
    .compile(),
);
/** The workspace's specs with a custom audience. */
const customAudienceSpecs = precompiled((db) =>
  db
    .selectFrom("tailscale_specs")
    .select(["name", "oauth_client_id", "audience"])
    .where("workspace_id", "=", "")
    .where("audience", "is not", null)
    .compile(),
);

/**
 * Refuses an ID token for another spec's Tailscale audience: an instance may ask for
 * `api.tailscale.com/<client-id>`, or a spec's custom trust-credential audience, only when that is its own
 * spec's, so it can never join through a trust credential made for another spec (and get that spec's tags).
 * Other audiences pass; one that does not look like Tailscale's costs one query for custom audiences.
 *
 * @throws NscError `audience_not_allowed`.
 */
export async function checkTailscaleAudience(
  db: Executor,
  instance: InstancesTable,
  audience: Audience,
): Promise<void> {
  const wanted = audience.toLowerCase();
  // Only a spec with a custom audience can claim an audience of another shape.
  const specs = await (looksLikeTailscaleAudience(audience) ? allSpecs : customAudienceSpecs)(db, [
    instance.workspace_id,
  ]);
  const audienceOf = (spec: SpecAudience): string =>
    (spec.audience ?? tailscaleAudienceOf(spec.oauth_client_id)).toLowerCase();
  const own = specs.find((spec) => spec.name === instance.tailscale_spec);
  if (own !== undefined && audienceOf(own) === wanted) return;
  const other = specs.find((spec) => audienceOf(spec) === wanted);
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

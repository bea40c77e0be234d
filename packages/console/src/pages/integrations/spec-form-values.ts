import type { TailscaleSpec } from "@nsc/core/browser";

/** What the spec form holds while someone types. */
export interface SpecFormValues {
  readonly name: string;
  readonly clientId: string;
  /** Comma-separated, as typed. */
  readonly tags: string;
  readonly magicDns: boolean;
  readonly loginServer: string;
  /** The trust credential's custom audience; empty for the default `api.tailscale.com/<client-id>`. */
  readonly audience: string;
}

/** An empty form for a new spec. */
export const EMPTY_SPEC_FORM: SpecFormValues = {
  name: "",
  clientId: "",
  tags: "",
  magicDns: false,
  loginServer: "",
  audience: "",
};

/** The form filled with an existing spec. */
export function specFormValues(name: string, spec: TailscaleSpec): SpecFormValues {
  return {
    name,
    clientId: spec.oauth_client_id,
    tags: spec.tags.join(", "),
    magicDns: spec.enable_magic_dns,
    loginServer: spec.login_server ?? "",
    audience: spec.audience ?? "",
  };
}

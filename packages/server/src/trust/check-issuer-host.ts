import { lookup } from "node:dns/promises";
import { NscError, forbiddenAddressReason } from "@nsc/core";

/**
 * Resolves an issuer's host and refuses it when any address is link-local or a metadata service (the
 * literal forms are refused earlier, by the URL check). A host that does not resolve is refused too:
 * give the issuer's JWKS with the relationship when the issuer is not reachable from nsc-server.
 *
 * @throws NscError `invalid_issuer_url`.
 */
export async function checkIssuerHost(issuer: string): Promise<void> {
  const hostname = new URL(issuer).hostname;
  const bare = hostname.startsWith("[") ? hostname.slice(1, -1) : hostname;
  let addresses: readonly { readonly address: string }[];
  try {
    addresses = await lookup(bare, { all: true, verbatim: true });
  } catch (error) {
    throw new NscError(
      "invalid_issuer_url",
      `the issuer's host ${hostname} does not resolve (${(error as { code?: string }).code ?? "error"}): check the URL, or give the issuer's JWKS with the relationship (--jwks-file) when nsc-server cannot reach it`,
      { field: "issuer" },
    );
  }
  for (const { address } of addresses) {
    const reason = forbiddenAddressReason(address);
    if (reason !== null) {
      throw new NscError(
        "invalid_issuer_url",
        `the issuer's host ${hostname} resolves to ${address}: ${reason}; nsc never fetches from there`,
        { field: "issuer" },
      );
    }
  }
}

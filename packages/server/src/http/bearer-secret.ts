import { NscError } from "@nsc/core";

/** Reads `Authorization: Bearer <secret>` (the scheme in any case, RFC 7235); anything else is `unauthenticated`. */
export function bearerSecret(header: string | undefined): string {
  const match = /^[Bb][Ee][Aa][Rr][Ee][Rr] ([A-Za-z0-9_\-.~+/=]{8,512})$/u.exec(header ?? "");
  if (match?.[1] === undefined) {
    throw new NscError(
      "unauthenticated",
      "send an API token as `Authorization: Bearer <token>` (log in with `nsc login`)",
    );
  }
  return match[1];
}

const JWT = /eyJ[\w-]*\.[\w-]*\.[\w-]*/gu;
const TAILSCALE_KEY = /tskey-[\w-]+/gu;

/**
 * Removes secrets from text about to be shown: each of `secrets` verbatim, and anything shaped like a JWT
 * or a Tailscale key, become `<redacted>`.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret !== "") out = out.replaceAll(secret, "<redacted>");
  return out.replace(JWT, "<redacted>").replace(TAILSCALE_KEY, "<redacted>");
}

import { NscError } from "../errors/nsc-error.js";

/** Where a missing spec's name came from, so the message can say what to fix. */
export interface SpecReference {
  /** What named it, the message's first words: `runner label "…"`, `trust relationship "ci"`. */
  readonly namedBy?: string;
  /** Why it is missing, when that is known (a spec removed since it was named). */
  readonly reason?: string;
  /** The request field that named it. */
  readonly field?: string;
  /** What else would fix it besides creating the spec: `name another spec`. */
  readonly otherwise?: string;
}

/**
 * The error for a spec name a workspace does not have, built here only so that every caller words it the
 * same way: what named the spec, then upstream `nsc`'s `tailscale integration "<name>" not found` (all it
 * says when nothing but the command itself named the spec), then why it is gone and how to fix it.
 *
 * @example
 * specNotFound("corp").message // 'tailscale integration "corp" not found'
 * specNotFound("corp", { field: "tailscale_spec", otherwise: "name another spec" }).message
 * // 'tailscale integration "corp" not found: create it with `nsc integrations tailscale set corp …` or name another spec'
 */
export function specNotFound(name: string, reference?: SpecReference): NscError {
  const base = `tailscale integration ${JSON.stringify(name)}`;
  if (reference === undefined) return new NscError("spec_not_found", `${base} not found`);
  const { namedBy, reason, field, otherwise } = reference;
  const message =
    `${namedBy === undefined ? "" : `${namedBy}: `}${base} not found: ` +
    `${reason === undefined ? "" : `${reason}; `}create it with \`nsc integrations tailscale set ${name} …\`` +
    (otherwise === undefined ? "" : ` or ${otherwise}`);
  return new NscError("spec_not_found", message, field === undefined ? {} : { field });
}

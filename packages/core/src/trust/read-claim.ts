/** What {@link readClaim} found at a claim path. */
export type ClaimValue =
  | { readonly kind: "missing" }
  | { readonly kind: "scalar"; readonly text: string }
  | { readonly kind: "structured" };

/**
 * Reads a claim by its path: `repository`, or a dotted path into nested objects such as
 * `kubernetes.io.namespace` (the `namespace` field of the `kubernetes.io` claim). Where a key itself
 * contains dots, the longest key that exists wins at each level, so `kubernetes.io` is one key. Strings
 * are returned as they are, numbers and booleans as their JSON text; objects and arrays are "structured"
 * (a rule cannot match them). Only own properties are read.
 *
 * @example
 * readClaim({ "kubernetes.io": { namespace: "ci" } }, "kubernetes.io.namespace") // { kind: "scalar", text: "ci" }
 */
export function readClaim(payload: Readonly<Record<string, unknown>>, path: string): ClaimValue {
  return readFrom(payload, path.split("."));
}

function readFrom(value: unknown, segments: readonly string[]): ClaimValue {
  if (segments.length === 0) return scalarOf(value);
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { kind: "missing" };
  for (let take = segments.length; take >= 1; take -= 1) {
    const key = segments.slice(0, take).join(".");
    if (Object.prototype.hasOwnProperty.call(value, key)) {
      return readFrom((value as Record<string, unknown>)[key], segments.slice(take));
    }
  }
  return { kind: "missing" };
}

function scalarOf(value: unknown): ClaimValue {
  if (typeof value === "string") return { kind: "scalar", text: value };
  if (typeof value === "number" || typeof value === "boolean") return { kind: "scalar", text: String(value) };
  if (value === undefined || value === null) return { kind: "missing" };
  return { kind: "structured" };
}

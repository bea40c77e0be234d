/** A client ID split into the ID proper and its optional attributes. */
export interface ClientIdAttributes {
  readonly clientId: string;
  readonly ephemeral: boolean;
  readonly preauthorized: boolean;
}

const GO_TRUE = new Set(["1", "t", "T", "TRUE", "true", "True"]);
const GO_FALSE = new Set(["0", "f", "F", "FALSE", "false", "False"]);

/**
 * Splits `--client-id` at the first `?` like the real client. No `?`: ephemeral, not preauthorized. With
 * `?`: each attribute defaults to false. Throws on an unknown attribute or a bad boolean, with the real
 * client's text.
 *
 * @example
 * parseClientIdAttributes("k1?preauthorized=true"); // { clientId: "k1", ephemeral: false, preauthorized: true }
 */
export function parseClientIdAttributes(raw: string): ClientIdAttributes {
  const at = raw.indexOf("?");
  if (at < 0) return { clientId: raw, ephemeral: true, preauthorized: false };
  let ephemeral = false;
  let preauthorized = false;
  for (const [name, value] of new URLSearchParams(raw.slice(at + 1))) {
    if (name !== "ephemeral" && name !== "preauthorized") {
      throw new Error(
        `failed to parse optional config attributes: unknown optional config attribute "${name}"`,
      );
    }
    if (!GO_TRUE.has(value) && !GO_FALSE.has(value)) {
      throw new Error(
        `failed to parse optional config attributes: strconv.ParseBool: parsing "${value}": invalid syntax`,
      );
    }
    if (name === "ephemeral") ephemeral = GO_TRUE.has(value);
    else preauthorized = GO_TRUE.has(value);
  }
  return { clientId: raw.slice(0, at), ephemeral, preauthorized };
}

/**
 * Encodes form values the way Go's `url.Values.Encode` does: keys sorted, unreserved bytes
 * (`A-Z a-z 0-9 - _ . ~`) kept, space as `+`, everything else `%XX` upper-case.
 *
 * @example
 * encodeGoForm({ jwt: "a.b", client_id: "k1" }); // "client_id=k1&jwt=a.b"
 */
export function encodeGoForm(values: Readonly<Record<string, string>>): string {
  return Object.keys(values)
    .sort()
    .map((key) => `${goQueryEscape(key)}=${goQueryEscape(values[key] ?? "")}`)
    .join("&");
}

function goQueryEscape(value: string): string {
  let out = "";
  for (const byte of Buffer.from(value, "utf8")) {
    const char = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(char)) out += char;
    else if (char === " ") out += "+";
    else out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

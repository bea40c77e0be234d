/**
 * Host names of cloud metadata services. An issuer or JWKS URL naming one is refused: a token exchange
 * must never make nsc-server fetch from them.
 */
const METADATA_HOSTS = new Set([
  "metadata",
  "metadata.google.internal",
  "metadata.goog",
  "metadata.azure.internal",
  "instance-data",
  "instance-data.ec2.internal",
]);

/**
 * Why nsc-server refuses to fetch from a host or address, or null when it may. Refused: link-local
 * addresses (169.254.0.0/16, which holds the cloud metadata services, and fe80::/10), AWS's IPv6 metadata
 * address (fd00:ec2::254), Alibaba's (100.100.100.200), unspecified, multicast and reserved addresses,
 * IPv4-mapped forms of all of these, and the metadata services' host names. Loopback and private
 * addresses are allowed: in-cluster issuers live there.
 *
 * `host` is a URL's `hostname` (IPv6 in brackets, as `URL` gives it) or a bare resolved address.
 *
 * @example
 * forbiddenAddressReason("169.254.169.254") // "it is a link-local address (…)"
 * forbiddenAddressReason("10.0.0.1") // null
 */
export function forbiddenAddressReason(host: string): string | null {
  const name = host.toLowerCase().replace(/\.$/u, "");
  if (METADATA_HOSTS.has(name)) return "it is a cloud metadata service";
  const bare = name.startsWith("[") && name.endsWith("]") ? name.slice(1, -1) : name;
  const v4 = parseIpv4(bare);
  if (v4 !== undefined) return ipv4Reason(v4);
  const v6 = parseIpv6(bare);
  if (v6 !== undefined) return ipv6Reason(v6);
  return null;
}

function ipv4Reason([a, b, c, d]: readonly [number, number, number, number]): string | null {
  if (a === 169 && b === 254) {
    return "it is a link-local address (169.254.0.0/16, where cloud metadata services answer)";
  }
  if (a === 100 && b === 100 && c === 100 && d === 200) return "it is a cloud metadata service";
  if (a === 0) return "it is an unspecified address (0.0.0.0/8)";
  if (a >= 224) return "it is a multicast or reserved address";
  return null;
}

function ipv6Reason(groups: readonly number[]): string | null {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = groups;
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && (g5 === 0xffff || g5 === 0)) {
    if (g5 === 0 && g6 === 0 && g7 <= 1) {
      return g7 === 0 ? "it is the unspecified address (::)" : null;
    }
    return ipv4Reason([g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff]);
  }
  if ((g0 & 0xffc0) === 0xfe80) return "it is a link-local address (fe80::/10)";
  if ((g0 & 0xff00) === 0xff00) return "it is a multicast address (ff00::/8)";
  if (
    g0 === 0xfd00 &&
    g1 === 0x0ec2 &&
    g2 === 0 &&
    g3 === 0 &&
    g4 === 0 &&
    g5 === 0 &&
    g6 === 0 &&
    g7 === 0x254
  ) {
    return "it is a cloud metadata service";
  }
  return null;
}

function parseIpv4(text: string): [number, number, number, number] | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/u.exec(text);
  if (match === null) return undefined;
  const parts = match.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return parts as [number, number, number, number];
}

function parseIpv6(text: string): number[] | undefined {
  if (!text.includes(":") || !/^[0-9a-f:.]+$/u.test(text)) return undefined;
  // A dotted IPv4 tail (::ffff:169.254.169.254) becomes its two hex groups.
  const lastColon = text.lastIndexOf(":");
  const v4 = parseIpv4(text.slice(lastColon + 1));
  const body =
    v4 === undefined
      ? text
      : `${text.slice(0, lastColon + 1)}${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
  const halves = body.split("::");
  if (halves.length > 2) return undefined;
  const parse = (part: string): number[] | undefined => {
    if (part === "") return [];
    const groups = part.split(":");
    if (groups.some((g) => !/^[0-9a-f]{1,4}$/u.test(g))) return undefined;
    return groups.map((g) => parseInt(g, 16));
  };
  const head = parse(halves[0] ?? "");
  const rest = halves.length === 2 ? parse(halves[1] ?? "") : [];
  if (head === undefined || rest === undefined) return undefined;
  const known = head.length + rest.length;
  if (halves.length === 1 ? known !== 8 : known > 7) return undefined;
  return [...head, ...Array.from({ length: 8 - known }, () => 0), ...rest];
}

import { exportDiscovery } from "./serve-tasks.js";
import type { ServerConfig } from "../config/server-config.js";
import { IssuerDocuments } from "../issuer/issuer-documents.js";
import { parseIssuerUrl, type IssuerUrl } from "../issuer/issuer-url.js";
import type { KeyRing } from "../signing/key-ring.js";
import { openStore } from "../store/open-store.js";
import { commandRuntime } from "./command-runtime.js";
import { openIssuer } from "./open-issuer.js";
import type { ServerIo } from "./server-io.js";

async function withKeyRing<T>(
  config: ServerConfig,
  io: ServerIo,
  use: (ring: KeyRing, issuer: IssuerUrl) => Promise<T>,
): Promise<T> {
  const runtime = commandRuntime(io);
  const store = await openStore(config.databaseUrl);
  try {
    const fallback = `${config.tls === undefined ? "http" : "https"}://${config.listen.host}:${config.listen.port}`;
    const issuer = parseIssuerUrl(config.issuerUrl ?? fallback, "--issuer-url");
    return await use((await openIssuer(config, store, runtime, io.env)).keyRing, issuer.issuer);
  } finally {
    await store.close();
  }
}

/**
 * `nsc-server keys list`: every stored key and its state. It only reads: no key-encryption key is loaded
 * or generated and no key is made or rotated, even on an empty database.
 */
export async function listKeysCommand(
  config: ServerConfig,
  json: boolean,
  io: Pick<ServerIo, "stdout" | "stderr">,
): Promise<void> {
  const store = await openStore(config.databaseUrl, {
    warn: (message) => {
      io.stderr.write(`warning: ${message}\n`);
    },
  });
  try {
    const rows = await store.db
      .selectFrom("signing_keys")
      .select(["kid", "alg", "state", "created_at", "activated_at", "retired_at"])
      .orderBy("created_at")
      .orderBy("kid")
      .execute();
    const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
    const keys = rows.map((row) => ({
      kid: row.kid,
      alg: row.alg,
      state: row.state,
      created_at: iso(row.created_at) ?? "",
      activated_at: iso(row.activated_at),
      retired_at: iso(row.retired_at),
    }));
    if (json) {
      io.stdout.write(`${JSON.stringify({ keys }, null, 2)}\n`);
    } else if (keys.length === 0) {
      io.stdout.write("No signing keys yet: nsc-server makes the first when it starts.\n");
    } else {
      for (const key of keys) {
        const since = key.retired_at ?? key.activated_at ?? key.created_at;
        io.stdout.write(`${key.kid}  ${key.alg}  ${key.state.padEnd(7)}  since ${since}\n`);
      }
    }
  } finally {
    await store.close();
  }
}

/**
 * `nsc-server keys rotate`: promotes the next key if verifiers have had it for the JWKS cache time;
 * otherwise publishes one and says when to run the command again. A key never signs unpublished.
 */
export async function rotateKeysCommand(config: ServerConfig, io: ServerIo): Promise<void> {
  await withKeyRing(config, io, async (ring) => {
    const result = await ring.rotateNow();
    const active = ring.keys.find((k) => k.state === "active");
    if (result.rotated) {
      io.stdout.write(
        `Rotated: key ${active?.kid ?? "?"} now signs. Running servers pick it up within a minute.\n`,
      );
    } else {
      const next = ring.keys.find((k) => k.state === "next");
      io.stdout.write(
        `Key ${next?.kid ?? "?"} is published and can sign from ${new Date(result.promotableAt).toISOString()}, once verifiers' cached JWKS include it. Run \`nsc-server keys rotate\` again then.\n`,
      );
    }
  });
}

/**
 * `nsc-server keys rotate --now`: the emergency rotation. Every key is unpublished at once and a fresh
 * key signs; running servers switch within their key refresh time (a minute).
 */
export async function emergencyRotateCommand(config: ServerConfig, io: ServerIo): Promise<void> {
  await withKeyRing(config, io, async (ring) => {
    const { removed } = await ring.rotateEmergency();
    const active = ring.keys.find((k) => k.state === "active");
    io.stdout.write(
      [
        `Emergency rotation: unpublished ${String(removed.length)} key(s) (${removed.join(", ") || "none"}); key ${active?.kid ?? "?"} signs now.`,
        "Running servers switch within a minute. Tokens signed before are refused by verifiers once they refresh the JWKS;",
        "verifiers holding a cached JWKS refuse new tokens until they fetch it again (at most its max-age). Re-run export-discovery if you publish static copies.",
        "",
      ].join("\n"),
    );
  });
}

/** `nsc-server export-discovery --out DIR`: writes the discovery document and JWKS for static hosting. */
export async function exportDiscoveryCommand(
  config: ServerConfig,
  outDir: string,
  io: ServerIo,
): Promise<void> {
  await withKeyRing(config, io, (ring, issuer) => {
    const [discovery, jwks] = exportDiscovery(new IssuerDocuments(issuer, ring), outDir);
    io.stdout.write(
      `Wrote ${discovery ?? ""} and ${jwks ?? ""}. Serve them at the issuer URL with Content-Type application/json; \`nsc-server serve --export-dir DIR\` keeps them current after every rotation.\n`,
    );
    return Promise.resolve();
  });
}

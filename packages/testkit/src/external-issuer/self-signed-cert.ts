import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A certificate and key for `127.0.0.1` and `localhost`; the certificate is its own CA. */
export interface SelfSignedCert {
  readonly certPem: string;
  readonly keyPem: string;
}

/**
 * Makes a one-day self-signed P-256 certificate for `127.0.0.1`, `::1` and `localhost` with the system's
 * `openssl`. Test-only: a server trusts it through its explicit CA setting (`--trust-ca-file`).
 */
export function makeSelfSignedCert(commonName = "nsc test issuer"): SelfSignedCert {
  const dir = mkdtempSync(join(tmpdir(), "nsc-cert-"));
  try {
    const cert = join(dir, "cert.pem");
    const key = join(dir, "key.pem");
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        key,
        "-out",
        cert,
        "-days",
        "1",
        "-subj",
        `/CN=${commonName}`,
        "-addext",
        "subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
      ],
      { stdio: "ignore" },
    );
    return { certPem: readFileSync(cert, "utf8"), keyPem: readFileSync(key, "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** {@link makeSelfSignedCert} written to `<dir>/<name>.crt` and `<dir>/<name>.key`, for a server's TLS flags. */
export function writeSelfSignedCert(dir: string, name: string): { cert: string; key: string } {
  const { certPem, keyPem } = makeSelfSignedCert(name);
  const cert = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  writeFileSync(cert, certPem);
  writeFileSync(key, keyPem, { mode: 0o600 });
  return { cert, key };
}

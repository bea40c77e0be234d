import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { NscError } from "@nsc/core";
import { generateSigningKey } from "./generate-signing-key.js";
import { keyEncryptionKeyFromBytes } from "./key-encryption-key.js";
import { openPrivateKey, sealPrivateKey } from "./private-key-box.js";

const kek = keyEncryptionKeyFromBytes(randomBytes(32));
const otherKek = keyEncryptionKeyFromBytes(randomBytes(32));
const key = await generateSigningKey({ alg: "ES256" });

function failsWith(code: string, message?: RegExp) {
  return (error: unknown): boolean =>
    error instanceof NscError &&
    error.code === code &&
    (message === undefined || message.test(error.message));
}

function replacePart(sealed: string, index: number, change: (part: string) => string): string {
  const parts = sealed.split(".");
  parts[index] = change(parts[index] ?? "");
  return parts.join(".");
}

function flipFirstChar(part: string): string {
  return (part.startsWith("A") ? "B" : "A") + part.slice(1);
}

void describe("sealPrivateKey / openPrivateKey", () => {
  void it("round-trips a private key", () => {
    const sealed = sealPrivateKey(kek, key.kid, key.privateKeyPkcs8Pem);
    assert.equal(openPrivateKey(kek, key.kid, sealed), key.privateKeyPkcs8Pem);
  });

  void it("writes v1.<kek-id>.<iv>.<ciphertext>.<tag> without the key in clear", () => {
    const sealed = sealPrivateKey(kek, key.kid, key.privateKeyPkcs8Pem);
    const parts = sealed.split(".");
    assert.equal(parts.length, 5);
    assert.equal(parts[0], "v1");
    assert.equal(parts[1], kek.id);
    assert.equal(Buffer.from(parts[2] ?? "", "base64url").length, 12);
    assert.equal(Buffer.from(parts[4] ?? "", "base64url").length, 16);
    assert.match(sealed, /^[A-Za-z0-9_.-]+$/u);
    assert.equal(sealed.includes("PRIVATE KEY"), false);
  });

  void it("uses a fresh IV each time", () => {
    const a = sealPrivateKey(kek, key.kid, key.privateKeyPkcs8Pem);
    const b = sealPrivateKey(kek, key.kid, key.privateKeyPkcs8Pem);
    assert.notEqual(a.split(".")[2], b.split(".")[2]);
  });

  void it("refuses the wrong key-encryption key with a message saying what to restore", () => {
    const sealed = sealPrivateKey(kek, key.kid, key.privateKeyPkcs8Pem);
    assert.throws(
      () => openPrivateKey(otherKek, key.kid, sealed),
      failsWith("key_encryption_key_invalid", /does not match.*restore NSC_KEY_ENCRYPTION_KEY/u),
    );
  });

  void it("refuses a wrong key-encryption key even when the stored fingerprint is forged", () => {
    const sealed = replacePart(sealPrivateKey(kek, key.kid, key.privateKeyPkcs8Pem), 1, () => otherKek.id);
    assert.throws(() => openPrivateKey(otherKek, key.kid, sealed), failsWith("signing_key_unavailable"));
  });

  void it("detects tampering with the IV, ciphertext or tag", () => {
    const sealed = sealPrivateKey(kek, key.kid, key.privateKeyPkcs8Pem);
    for (const index of [2, 3, 4]) {
      assert.throws(
        () => openPrivateKey(kek, key.kid, replacePart(sealed, index, flipFirstChar)),
        failsWith("signing_key_unavailable", /integrity check/u),
      );
    }
  });

  void it("binds the kid: a sealed key cannot be opened under another kid", () => {
    const sealed = sealPrivateKey(kek, key.kid, key.privateKeyPkcs8Pem);
    assert.throws(() => openPrivateKey(kek, "another-kid", sealed), failsWith("signing_key_unavailable"));
  });

  void it("rejects malformed values and unknown versions", () => {
    const sealed = sealPrivateKey(kek, key.kid, key.privateKeyPkcs8Pem);
    assert.throws(() => openPrivateKey(kek, key.kid, ""), failsWith("signing_key_unavailable"));
    assert.throws(
      () => openPrivateKey(kek, key.kid, key.privateKeyPkcs8Pem),
      failsWith("signing_key_unavailable"),
    );
    assert.throws(
      () =>
        openPrivateKey(
          kek,
          key.kid,
          replacePart(sealed, 0, () => "v2"),
        ),
      failsWith("signing_key_unavailable", /format v2.*upgrade/u),
    );
    assert.throws(
      () => openPrivateKey(kek, key.kid, `${sealed}.extra`),
      failsWith("signing_key_unavailable"),
    );
    assert.throws(
      () =>
        openPrivateKey(
          kek,
          key.kid,
          replacePart(sealed, 2, () => "AAAA"),
        ),
      failsWith("signing_key_unavailable", /malformed/u),
    );
  });

  void it("never puts key material in error messages", () => {
    const sealed = sealPrivateKey(kek, key.kid, key.privateKeyPkcs8Pem);
    const pemBody = key.privateKeyPkcs8Pem.split("\n")[1] ?? "";
    for (const attempt of [
      () => openPrivateKey(otherKek, key.kid, sealed),
      () => openPrivateKey(kek, key.kid, replacePart(sealed, 3, flipFirstChar)),
      () => openPrivateKey(kek, key.kid, key.privateKeyPkcs8Pem),
    ]) {
      assert.throws(attempt, (error: unknown) => {
        assert.ok(error instanceof NscError);
        assert.equal(error.message.includes(pemBody.slice(0, 16)), false);
        assert.equal(error.message.includes(sealed.split(".")[3] ?? "-"), false);
        return true;
      });
    }
  });
});

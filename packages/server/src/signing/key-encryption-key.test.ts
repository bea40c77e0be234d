import assert from "node:assert/strict";
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { after, describe, it } from "node:test";
import { NscError } from "@nsc/core";
import { keyEncryptionKeyFromBytes, loadKeyEncryptionKey } from "./key-encryption-key.js";

const root = await mkdtemp(join(tmpdir(), "nsc-kek-"));
after(() => rm(root, { recursive: true, force: true }));

let dirCount = 0;
function freshDir(): string {
  dirCount += 1;
  return join(root, `case-${dirCount}`);
}

const bytes = Buffer.alloc(32, 7);
const base64 = bytes.toString("base64");
const fixedRandom = (size: number): Uint8Array => Buffer.alloc(size, 9);

function rejectsWith(message: RegExp, secret?: string) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof NscError);
    assert.equal(error.code, "key_encryption_key_invalid");
    assert.match(error.message, message);
    if (secret !== undefined) assert.equal(error.message.includes(secret), false);
    return true;
  };
}

void describe("loadKeyEncryptionKey", () => {
  void it("reads NSC_KEY_ENCRYPTION_KEY in standard or URL-safe base64, with or without padding", async () => {
    const expected = keyEncryptionKeyFromBytes(bytes).id;
    for (const value of [base64, base64.replace(/=$/u, ""), bytes.toString("base64url"), `  ${base64}\n`]) {
      const loaded = await loadKeyEncryptionKey({
        env: { NSC_KEY_ENCRYPTION_KEY: value },
        dataDir: freshDir(),
      });
      assert.equal(loaded.kek.id, expected);
      assert.deepEqual(loaded.source, { kind: "env" });
      assert.equal(loaded.warning, null);
    }
  });

  void it("rejects a key of the wrong length or encoding without echoing it", async () => {
    const short = Buffer.alloc(16, 1).toString("base64");
    const long = Buffer.alloc(48, 1).toString("base64");
    const hex = bytes.toString("hex");
    for (const value of [short, long, hex, `${base64.slice(0, -2)}!=`, ""]) {
      await assert.rejects(
        loadKeyEncryptionKey({ env: { NSC_KEY_ENCRYPTION_KEY: value }, dataDir: freshDir() }),
        rejectsWith(/NSC_KEY_ENCRYPTION_KEY .*(openssl rand -base64 32)/u, value === "" ? undefined : value),
      );
    }
  });

  void it("rejects both variables set at once", async () => {
    await assert.rejects(
      loadKeyEncryptionKey({
        env: { NSC_KEY_ENCRYPTION_KEY: base64, NSC_KEY_ENCRYPTION_KEY_FILE: "/x" },
        dataDir: freshDir(),
      }),
      rejectsWith(/set only one/u, base64),
    );
  });

  void it("reads a key file and warns when others may read it", async () => {
    const dir = freshDir();
    await mkdir(dir);
    const path = join(dir, "kek");
    await writeFile(path, `${base64}\n`, { mode: 0o600 });
    const loaded = await loadKeyEncryptionKey({ env: { NSC_KEY_ENCRYPTION_KEY_FILE: path }, dataDir: dir });
    assert.equal(loaded.kek.id, keyEncryptionKeyFromBytes(bytes).id);
    assert.deepEqual(loaded.source, { kind: "file", path });
    assert.equal(loaded.warning, null);
    if (process.platform !== "win32") {
      await chmod(path, 0o644);
      const loose = await loadKeyEncryptionKey({ env: { NSC_KEY_ENCRYPTION_KEY_FILE: path }, dataDir: dir });
      assert.match(loose.warning ?? "", /chmod 600/u);
    }
  });

  void it("says which file it could not read", async () => {
    const path = join(freshDir(), "missing");
    await assert.rejects(
      loadKeyEncryptionKey({ env: { NSC_KEY_ENCRYPTION_KEY_FILE: path }, dataDir: freshDir() }),
      rejectsWith(/cannot read NSC_KEY_ENCRYPTION_KEY_FILE .*missing.*ENOENT/u),
    );
  });

  void it("generates a 0600 key in the data folder once, with a warning, and reuses it", async () => {
    const dataDir = freshDir();
    const first = await loadKeyEncryptionKey({ env: {}, dataDir, randomBytes: fixedRandom });
    const path = join(dataDir, "key-encryption-key");
    assert.deepEqual(first.source, { kind: "data_dir", path, generated: true });
    assert.match(first.warning ?? "", /generated .*key-encryption-key.*Back it up/u);
    assert.equal(first.warning?.includes(Buffer.alloc(32, 9).toString("base64")), false);
    assert.equal((await readFile(path, "utf8")).trim(), Buffer.alloc(32, 9).toString("base64"));
    assert.equal(first.kek.id, keyEncryptionKeyFromBytes(Buffer.alloc(32, 9)).id);
    if (process.platform !== "win32") assert.equal((await stat(path)).mode & 0o777, 0o600);

    const second = await loadKeyEncryptionKey({ env: {}, dataDir, randomBytes: () => Buffer.alloc(32, 1) });
    assert.equal(second.kek.id, first.kek.id);
    assert.deepEqual(second.source, { kind: "data_dir", path, generated: false });
    assert.equal(second.warning, null);
  });

  void it("never shows key bytes when the key object is logged", () => {
    const kek = keyEncryptionKeyFromBytes(bytes);
    const shown = `${JSON.stringify(kek)} ${inspect(kek, { depth: 5 })}`;
    assert.equal(shown.includes(base64), false);
    assert.equal(shown.includes(bytes.toString("hex")), false);
  });

  void it("rejects a key of the wrong byte length", () => {
    assert.throws(() => keyEncryptionKeyFromBytes(Buffer.alloc(31)), rejectsWith(/exactly 32 bytes/u));
  });
});

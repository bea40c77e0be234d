import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { NSC_SERVER_BIN, runNode } from "@nsc/testkit";

const env = (): NodeJS.ProcessEnv => {
  const copy = { ...process.env };
  delete copy.NSC_KEY_ENCRYPTION_KEY;
  delete copy.NSC_KEY_ENCRYPTION_KEY_FILE;
  delete copy.NSC_DATABASE_URL;
  delete copy.NSC_DATA_DIR;
  return copy;
};

describe("the data folder", () => {
  it("keys list on a new installation creates no key and no key-encryption key", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nsc-keys-list-"));
    const listed = await runNode(NSC_SERVER_BIN, ["keys", "list", "-o", "json", "--data-dir", dir], env());
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual(JSON.parse(listed.stdout), { keys: [] });
    assert.equal(existsSync(join(dir, "key-encryption-key")), false, readdirSync(dir).join(","));
    const again = await runNode(NSC_SERVER_BIN, ["keys", "list", "-o", "json", "--data-dir", dir], env());
    assert.deepEqual(JSON.parse(again.stdout), { keys: [] });
  });

  it("creates the SQLite files 0600 in a 0755 folder, tightens loose ones, and warns about the folder", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nsc-perms-"));
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, "nsc.db-wal"), "", { mode: 0o644 });
    chmodSync(join(dir, "nsc.db-wal"), 0o644);
    const listed = await runNode(NSC_SERVER_BIN, ["keys", "list", "--data-dir", dir], env());
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stderr, /can be read by other users \(mode 0755\); run chmod 700/u);
    const files = readdirSync(dir).filter((name) => name.startsWith("nsc.db"));
    assert.ok(files.includes("nsc.db"), files.join(","));
    for (const name of files) {
      assert.equal((statSync(join(dir, name)).mode & 0o777).toString(8), "600", name);
    }
  });
});

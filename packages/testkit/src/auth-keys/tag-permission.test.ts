import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { startFederation } from "../test-support/federation-fixture.js";
import { runStandin } from "../test-support/run-standin.js";
import { refusedTags } from "./tag-permission.js";

// tailscale-wif.md: "Requested tags: the seed says they must be "a subset of the tags allowed here";
// github-action's docs say they "must match all tags on the trust credential or be tags owned by the tags
// on the trust credential" — the exact rule is unverified".
describe("tag permission: both readings of the rule", () => {
  const credential = ["tag:ci", "tag:ns"];
  const owners = { "tag:build": ["tag:ci"] };

  it("subset: any subset of the credential's tags", () => {
    assert.deepEqual(refusedTags("subset", ["tag:ci"], credential, owners), []);
    assert.deepEqual(refusedTags("subset", ["tag:ci", "tag:ns"], credential, owners), []);
    assert.deepEqual(refusedTags("subset", ["tag:ci", "tag:prod"], credential, owners), ["tag:prod"]);
    assert.deepEqual(refusedTags("subset", ["tag:build"], credential, owners), ["tag:build"]);
  });

  it("all-or-owned: exactly all of the credential's tags, or only tags they own", () => {
    assert.deepEqual(refusedTags("all-or-owned", ["tag:ns", "tag:ci"], credential, owners), []);
    assert.deepEqual(refusedTags("all-or-owned", ["tag:ci"], credential, owners), ["tag:ci"]);
    assert.deepEqual(refusedTags("all-or-owned", ["tag:build"], credential, owners), []);
    assert.deepEqual(refusedTags("all-or-owned", ["tag:ci", "tag:build"], credential, owners), ["tag:ci"]);
  });

  it("the emulator applies the configured reading at key creation", async () => {
    const fx = await startFederation({
      emulator: { tagPermission: "all-or-owned", tagOwners: { "tag:build": ["tag:ci"] } },
    });
    try {
      const up = async (tags: string): Promise<{ code: number; stderr: string }> =>
        runStandin(
          [
            "up",
            `--login-server=${fx.emulator.url}`,
            `--client-id=${fx.credential.clientId}?preauthorized=true&ephemeral=true`,
            `--id-token=${await fx.token()}`,
            `--advertise-tags=${tags}`,
          ],
          { TESTKIT_TAILSCALE_STATE_DIR: join(mkdtempSync(join(tmpdir(), "testkit-tags-")), "s") },
        );
      const subset = await up("tag:ci");
      assert.equal(subset.code, 1);
      assert.equal(
        subset.stderr,
        'unexpected error while creating authkey: Status: 400, Message: "requested tags [tag:ci] are invalid or not permitted"\n',
      );
      assert.equal((await up("tag:ci,tag:ns")).code, 0);
      assert.equal((await up("tag:build")).code, 0);
    } finally {
      await fx.close();
    }
  });
});

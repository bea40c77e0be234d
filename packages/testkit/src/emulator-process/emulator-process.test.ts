import assert from "node:assert/strict";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { describe, it } from "node:test";
import { TAILSCALE_EMULATOR_BIN } from "../standin/bin-paths.js";
import { spawnInGroup } from "../processes/process-groups.js";

describe("tailscale-emulator process", () => {
  it("prints its URL, serves the admin API and stops on SIGTERM", async () => {
    const child = spawnInGroup(
      TAILSCALE_EMULATOR_BIN,
      ["--admin-api-key=secret", "--allow-insecure-loopback-issuer"],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    try {
      assert.ok(child.stdout !== null);
      const lines = createInterface({ input: child.stdout });
      const [url] = (await once(lines, "line")) as [string];
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${url}/api/v2/tailnet/-/devices`, {
        headers: { authorization: "Bearer secret" },
      });
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { devices: [] });
      const refused = await fetch(`${url}/api/v2/tailnet/-/devices`, {
        headers: { authorization: "Bearer wrong" },
      });
      assert.equal(refused.status, 401);
    } finally {
      child.kill("SIGTERM");
    }
    const [code] = (await once(child, "exit")) as [number | null];
    assert.equal(code, 0);
  });
});

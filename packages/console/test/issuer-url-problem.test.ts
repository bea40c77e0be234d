import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { issuerUrlProblem } from "../src/pages/workspace/issuer-url-problem.js";

describe("issuerUrlProblem", () => {
  it("accepts public https issuers", () => {
    for (const url of ["https://nsc.example.com", "https://federation.example.org/ws", "https://8.8.8.8"]) {
      assert.equal(issuerUrlProblem(url), undefined, url);
    }
  });

  it("flags http, loopback, private and local hosts", () => {
    const cases: readonly (readonly [string, RegExp])[] = [
      ["http://nsc.example.com", /http:\/\//u],
      ["https://localhost:8443", /local name/u],
      ["https://127.0.0.1", /loopback or private/u],
      ["https://10.1.2.3", /loopback or private/u],
      ["https://172.20.0.1", /loopback or private/u],
      ["https://192.168.1.10", /loopback or private/u],
      ["https://100.100.1.1", /loopback or private/u],
      ["https://[::1]:8443", /loopback or private/u],
      ["https://[fd00::1]", /loopback or private/u],
      ["https://build-box", /local name/u],
      ["https://nsc.corp.internal", /local name/u],
      ["not a url", /absolute URL/u],
    ];
    for (const [url, reason] of cases) assert.match(issuerUrlProblem(url) ?? "", reason, url);
  });
});

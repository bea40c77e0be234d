import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NscError } from "@nsc/core";
import { parseIssuerUrl } from "./issuer-url.js";

function invalid(value: string, message: RegExp): void {
  assert.throws(
    () => parseIssuerUrl(value),
    (error: unknown) =>
      error instanceof NscError &&
      error.code === "invalid_issuer_url" &&
      error.field === "issuer_url" &&
      message.test(error.message),
    value,
  );
}

void describe("parseIssuerUrl", () => {
  void it("canonicalises: lower-case host, no default port, no trailing slash", () => {
    const cases: readonly (readonly [string, string])[] = [
      ["https://nsc.example.com", "https://nsc.example.com"],
      ["https://nsc.example.com/", "https://nsc.example.com"],
      ["HTTPS://NSC.Example.COM:443/", "https://nsc.example.com"],
      ["https://nsc.example.com:8443", "https://nsc.example.com:8443"],
      ["https://example.com/nsc/", "https://example.com/nsc"],
      ["https://example.com/nsc//", "https://example.com/nsc"],
      ["https://example.com/a/../nsc", "https://example.com/nsc"],
      [" https://nsc.example.com\n", "https://nsc.example.com"],
    ];
    for (const [input, issuer] of cases) {
      const parsed = parseIssuerUrl(input);
      assert.equal(parsed.issuer, issuer, input);
      assert.equal(parsed.discoveryUrl, `${issuer}/.well-known/openid-configuration`);
      assert.equal(parsed.jwksUrl, `${issuer}/.well-known/jwks`);
      assert.equal(parsed.warning, null);
      assert.equal(parseIssuerUrl(parsed.issuer).issuer, parsed.issuer, "canonical form is a fixed point");
    }
  });

  void it("allows http only for loopback hosts, with a warning", () => {
    for (const input of [
      "http://localhost:8080",
      "http://127.0.0.1:8080/",
      "http://[::1]:8080",
      "http://nsc.localhost",
    ]) {
      const parsed = parseIssuerUrl(input);
      assert.match(parsed.warning ?? "", /Tailscale requires a public HTTPS issuer/u, input);
    }
    assert.equal(parseIssuerUrl("http://127.0.0.1:8080/").issuer, "http://127.0.0.1:8080");
    invalid("http://nsc.example.com", /use https/u);
    invalid("http://10.0.0.1", /use https/u);
    invalid("http://localhost.example.com", /use https/u);
  });

  void it("rejects queries, fragments, credentials and other schemes", () => {
    invalid("https://nsc.example.com/?a=1", /query/u);
    invalid("https://nsc.example.com?", /query/u);
    invalid("https://nsc.example.com#x", /fragment/u);
    invalid("https://nsc.example.com/#", /fragment/u);
    invalid("https://user:pw@nsc.example.com", /user name and password/u);
    invalid("https://user@nsc.example.com", /user name and password/u);
    invalid("ftp://nsc.example.com", /scheme must be https/u);
    invalid("nsc.example.com", /not an absolute URL/u);
    invalid("", /empty/u);
  });

  void it("says so when given a document URL instead of the issuer", () => {
    invalid(
      "https://nsc.example.com/.well-known/openid-configuration",
      /give the issuer itself, https:\/\/nsc\.example\.com$/u,
    );
    invalid(
      "https://example.com/nsc/.well-known/jwks",
      /give the issuer itself, https:\/\/example\.com\/nsc$/u,
    );
  });
});

#!/usr/bin/env node
// The container's health check: GET /healthz on the port nsc-server listens on (NSC_LISTEN), over HTTPS
// when NSC_TLS_CERT is set. The certificate is not verified: this checks liveness, not the chain.
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

const listen = process.env.NSC_LISTEN ?? "127.0.0.1:8585";
const port = Number(/:(\d+)$/u.exec(listen)?.[1] ?? "8585");
const tls = process.env.NSC_TLS_CERT !== undefined && process.env.NSC_TLS_CERT !== "";
const request = tls ? httpsRequest : httpRequest;
const req = request(
  { host: "127.0.0.1", port, path: "/healthz", timeout: 4000, rejectUnauthorized: false },
  (res) => {
    res.resume();
    process.exit(res.statusCode === 200 ? 0 : 1);
  },
);
req.on("timeout", () => req.destroy(new Error("timeout")));
req.on("error", () => process.exit(1));
req.end();

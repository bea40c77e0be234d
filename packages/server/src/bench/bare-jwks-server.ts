import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

// The bench's floor for JWKS: a bare node:http server answering the same bytes with the same ETag and
// caching headers as nsc. argv: the body (JSON) and the ETag. Prints `bare listening <url>`.
const [body = "{}", etag = '""'] = process.argv.slice(2);
const bytes = Buffer.from(body, "utf8");
const server = createServer((req, res) => {
  if (req.headers["if-none-match"] === etag) {
    res.writeHead(304, { etag, "cache-control": "public, max-age=300" });
    res.end();
    return;
  }
  res.writeHead(200, {
    "content-type": "application/jwk-set+json",
    "content-length": bytes.length,
    etag,
    "cache-control": "public, max-age=300",
    "access-control-allow-origin": "*",
    "x-content-type-options": "nosniff",
  });
  res.end(bytes);
});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`bare listening http://127.0.0.1:${String((server.address() as AddressInfo).port)}\n`);
});

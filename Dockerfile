# syntax=docker/dockerfile:1
# nsc-server as a container: built from this repository alone, run as a non-root user, state in the
# /var/lib/nsc volume (SQLite database, generated key-encryption key, first-start admin token).
#   docker build --build-arg NSC_BUILD_COMMIT=$(git rev-parse HEAD) -t nsc-server .
#   docker run -p 8585:8585 -v nsc-data:/var/lib/nsc nsc-server
# See docs/operations.md for TLS, PostgreSQL and the key-encryption key.

FROM node:20-bookworm-slim AS build
# better-sqlite3 compiles from source when no prebuilt binary matches.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3 make g++ git ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY package.json package-lock.json ./
COPY packages/core/package.json packages/core/
COPY packages/server/package.json packages/server/
COPY packages/cli/package.json packages/cli/
COPY packages/testkit/package.json packages/testkit/
COPY packages/console/package.json packages/console/
RUN npm ci --no-audit --no-fund
COPY . .
ARG NSC_BUILD_COMMIT=unknown
RUN NSC_BUILD_COMMIT="$NSC_BUILD_COMMIT" npm run build \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    NSC_DATA_DIR=/var/lib/nsc \
    NSC_LISTEN=0.0.0.0:8585
WORKDIR /opt/nsc
COPY --from=build /src/package.json ./package.json
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/packages/core/package.json ./packages/core/package.json
COPY --from=build /src/packages/core/dist ./packages/core/dist
COPY --from=build /src/packages/server/package.json ./packages/server/package.json
COPY --from=build /src/packages/server/bin ./packages/server/bin
COPY --from=build /src/packages/server/dist ./packages/server/dist
COPY --from=build /src/packages/cli/package.json ./packages/cli/package.json
COPY --from=build /src/packages/cli/bin ./packages/cli/bin
COPY --from=build /src/packages/cli/dist ./packages/cli/dist
COPY --from=build /src/packages/console/package.json ./packages/console/package.json
COPY --from=build /src/packages/console/dist ./packages/console/dist
COPY --from=build /src/deploy/docker/healthcheck.mjs ./deploy/docker/healthcheck.mjs
COPY --from=build /src/LICENSE ./LICENSE
RUN groupadd --system --gid 10001 nsc \
 && useradd --system --uid 10001 --gid nsc --home-dir /var/lib/nsc --shell /usr/sbin/nologin nsc \
 && mkdir -p /var/lib/nsc && chown nsc:nsc /var/lib/nsc && chmod 0700 /var/lib/nsc
USER 10001:10001
VOLUME ["/var/lib/nsc"]
EXPOSE 8585
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "/opt/nsc/deploy/docker/healthcheck.mjs"]
ENTRYPOINT ["node", "/opt/nsc/packages/server/bin/nsc-server.js"]
CMD ["serve"]

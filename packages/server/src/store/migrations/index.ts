import type { Migration, MigrationProvider } from "kysely";
import * as initial from "./0001-initial.js";
import * as federation from "./0002-federation.js";
import * as specAudience from "./0003-spec-audience.js";
import * as trustRelationships from "./0004-trust-relationships.js";
import * as auditActionIndex from "./0007-audit-action-index.js";

/**
 * Every schema migration, in order. Names sort lexically; a released migration is never edited, only
 * followed by a new one.
 */
export const migrationProvider: MigrationProvider = {
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve({
      "0001-initial": initial,
      "0002-federation": federation,
      "0003-spec-audience": specAudience,
      "0004-trust-relationships": trustRelationships,
      "0007-audit-action-index": auditActionIndex,
    });
  },
};

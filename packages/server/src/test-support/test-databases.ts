import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openStore, type DialectName, type Store } from "../store/open-store.js";

/** A database a storage or API test runs against. */
export interface TestDatabase {
  readonly name: DialectName;
  /** A URL to a fresh, empty database; `drop` removes it. */
  create(): Promise<{ readonly url: string; drop(): Promise<void> }>;
}

const POSTGRES_URL = process.env.NSC_TEST_POSTGRES_URL;

const sqlite: TestDatabase = {
  name: "sqlite",
  create: () => {
    const dir = mkdtempSync(join(tmpdir(), "nsc-test-"));
    return Promise.resolve({
      url: `sqlite:${join(dir, "nsc.db")}`,
      drop: () => {
        rmSync(dir, { recursive: true, force: true });
        return Promise.resolve();
      },
    });
  },
};

function postgres(adminUrl: string): TestDatabase {
  return {
    name: "postgres",
    create: async () => {
      const name = `nsc_test_${randomBytes(6).toString("hex")}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        await admin.query(`create database ${name}`);
      } finally {
        await admin.end();
      }
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return {
        url: url.toString(),
        drop: async () => {
          const client = new pg.Client({ connectionString: adminUrl });
          await client.connect();
          try {
            await client.query(`drop database if exists ${name} with (force)`);
          } finally {
            await client.end();
          }
        },
      };
    },
  };
}

/**
 * Every database the tests run on: SQLite always, PostgreSQL when `NSC_TEST_POSTGRES_URL` is set (the
 * test runner sets it when PostgreSQL answers, and CI requires it).
 *
 * @example
 * for (const database of TEST_DATABASES) describe(database.name, () => { … });
 */
export const TEST_DATABASES: readonly TestDatabase[] =
  POSTGRES_URL === undefined ? [sqlite] : [sqlite, postgres(POSTGRES_URL)];

/** Opens a migrated store on a fresh database; closing it also drops the database. */
export async function openTestStore(database: TestDatabase): Promise<Store> {
  const created = await database.create();
  const store = await openStore(created.url);
  return {
    ...store,
    close: async () => {
      await store.close();
      await created.drop();
    },
  };
}

import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from "node:fs";
import { dirname } from "node:path";
import SqliteDatabase from "better-sqlite3";
import {
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  sql,
  type SqliteDatabase as SqliteDialectDatabase,
} from "kysely";
import pg from "pg";
import { NscError } from "@nsc/core";
import { migrationProvider } from "./migrations/index.js";
import type { Database } from "./schema.js";

/** Which database a store talks to. */
export type DialectName = "sqlite" | "postgres";

/** An open, migrated database. All queries go through `db`, the same code for both dialects. */
export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** A short description safe to log (no password). */
  readonly description: string;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

const INT8_OID = 20;

/**
 * Opens the database named by `url` (`postgres://…`, `postgresql://…`, `sqlite:<path>` or a bare path) and
 * applies pending migrations. SQLite runs in WAL mode with `synchronous=FULL`, so an acknowledged write
 * survives a killed process and a power cut.
 */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  const store =
    url.startsWith("postgres://") || url.startsWith("postgresql://")
      ? openPostgres(url)
      : openSqlite(url, options.warn ?? (() => undefined));
  try {
    await migrate(store.db);
  } catch (error) {
    await store.close();
    throw new NscError(
      "database_unavailable",
      `cannot prepare the database (${store.description}): ${messageOf(error)}`,
      {
        cause: error,
      },
    );
  }
  return store;
}

/** How {@link openStore} reports what an operator should fix but that does not stop it. */
export interface OpenStoreOptions {
  readonly warn?: (message: string) => void;
}

/**
 * Creates the SQLite file (and tightens an existing one and its `-wal` and `-shm` files) to mode 0600 before
 * SQLite opens it; SQLite gives the files it makes next to it the database file's mode. Warns when the
 * folder holding them can be read by other users.
 */
function protectSqliteFiles(path: string, warn: (message: string) => void): void {
  const folder = dirname(path);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  if (process.platform === "win32") return;
  if (!existsSync(path)) closeSync(openSync(path, "a", 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (existsSync(file) && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  }
  const mode = statSync(folder).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    warn(
      `the database folder ${folder} can be read by other users (mode ${mode.toString(8).padStart(4, "0")}); run chmod 700 on it`,
    );
  }
}

function openSqlite(url: string, warn: (message: string) => void): Store {
  const path = url.startsWith("sqlite:") ? url.slice("sqlite:".length) : url;
  if (path !== ":memory:") protectSqliteFiles(path, warn);
  const database = new SqliteDatabase(path);
  try {
    database.pragma("journal_mode = WAL");
    database.pragma("synchronous = FULL");
    database.pragma("foreign_keys = ON");
    database.pragma("busy_timeout = 5000");
  } catch (error) {
    // Not a database, or not writable: nothing keeps the handle open.
    database.close();
    throw error;
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  return {
    db,
    dialect: "sqlite",
    description: `sqlite:${path}`,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}

/**
 * Kysely prepares every query afresh; the same few SQL texts recur on every request, so keep their
 * prepared statements (bounded, oldest dropped first).
 */
function withStatementCache(database: SqliteDatabase.Database): SqliteDialectDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => {
      database.close();
    },
    prepare: (text: string) => {
      let statement = cache.get(text);
      if (statement === undefined) {
        statement = database.prepare(text);
        if (cache.size >= 500) cache.delete(cache.keys().next().value ?? "");
        cache.set(text, statement);
      }
      return statement;
    },
  };
}

function openPostgres(url: string): Store {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5000,
    types: { getTypeParser: bigintAsNumber },
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on("error", () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const parsed = new URL(url);
  return {
    db,
    dialect: "postgres",
    description: `postgres://${parsed.host}${parsed.pathname}`,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}

type GetTypeParser = typeof pg.types.getTypeParser;
const defaultTypeParser = pg.types.getTypeParser.bind(pg.types) as (oid: number, format?: string) => unknown;

/** BIGINT columns hold millisecond timestamps and counters, all far below 2^53: read them as numbers. */
const bigintAsNumber = ((oid: number, format?: string) =>
  oid === INT8_OID ? (value: string) => Number(value) : defaultTypeParser(oid, format)) as GetTypeParser;

async function migrate(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error } = await migrator.migrateToLatest();
  if (error !== undefined) throw error instanceof Error ? error : new Error("migration failed");
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

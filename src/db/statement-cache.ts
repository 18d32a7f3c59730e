import {
  type Client,
  type InArgs,
  type InStatement,
  type InValue,
  LibsqlBatchError,
  LibsqlError,
  type ResultSet,
  type Row,
  type TransactionMode,
} from '@libsql/client';
import Database from 'libsql';

/**
 * A `Client` for an embedded file that keeps each statement prepared, per SQL text, on a connection of its own.
 * @libsql/client 0.18 prepares every statement on every call and asks for its columns twice (≈ 0.3 ms of a page
 * statement here, decision 0220); drizzle's prepared queries do not reach the native layer. `execute` and `batch`
 * (the app's every read and write) run here; interactive transactions, `migrate`, `executeMultiple` and `sync` go
 * to the wrapped client's pool, exactly as before. Both are connections to the same WAL file, so each sees the
 * other's commits; every call here is synchronous, so one connection is never shared by two callers at once.
 */
export function withStatementCache(
  inner: Client,
  path: string,
  timeoutMs: number,
): Client & { readonly cachedStatements: number } {
  return new CachedClient(inner, new Database(path, { timeout: timeoutMs }));
}

/** A statement as the client's callers give it, as (text, arguments). */
const statementOf = (stmt: InStatement | [string, InArgs?]): [string, InArgs | undefined] =>
  typeof stmt === 'string' ? [stmt, undefined] : Array.isArray(stmt) ? [stmt[0], stmt[1]] : [stmt.sql, stmt.args];

type Native = InstanceType<typeof Database>;
type NativeStatement = ReturnType<Native['prepare']>;
/** A write (one statement, or a batch's) waiting for the next group commit, answered once it is on disk. */
interface Waiting {
  statements: [string, InArgs | undefined][];
  /** A batch is answered with every statement's result, a single statement with its own. */
  batch: boolean;
  resolve: (result: ResultSet[]) => void;
  reject: (error: unknown) => void;
}

interface Prepared {
  statement: NativeStatement;
  /** Null for a statement that returns no rows (raw mode refuses those). */
  columns: string[] | null;
  row: (values: unknown[]) => Row;
  columnTypes: string[];
}

/** Enough for every statement the app builds; the map is dropped whole when full (a cache, never a leak). */
const MOST = 1000;
/** The cache key's prefix for a statement whose integers are read as numbers (no SQL text starts with it). */
const NUMBERS = '\u0000numbers:';
/**
 * The longest a grouped write waits for others before the next statement commits it: under a mixed load it bounds
 * a sign-up's extra latency (nothing a person on a phone notices), while a commit's fsync (≈ 0.4 ms here) is still
 * shared by the sign-ups of those milliseconds. 5 ms made groups of three or four and lost most of the gain
 * (bench:shifts sign-up 528 req/s against 943 at 20 ms; decision 0246).
 */
const GROUP_WAIT_MS = 20;
const BEGIN: Record<TransactionMode, string> = {
  write: 'BEGIN IMMEDIATE',
  read: 'BEGIN TRANSACTION READONLY',
  deferred: 'BEGIN DEFERRED',
};

class CachedClient implements Client {
  closed = false;
  readonly protocol = 'file';
  readonly #cache = new Map<string, Prepared>();
  #waiting: Waiting[] | null = null;
  /** When the first of the waiting writes arrived (performance.now()). */
  #waitingSince = 0;

  constructor(
    readonly inner: Client,
    readonly native: Native,
  ) {}

  /** How many statements are kept prepared (for tests and benches). */
  get cachedStatements(): number {
    return this.#cache.size;
  }

  async execute(stmt: InStatement | string, args?: InArgs): Promise<ResultSet> {
    this.#open();
    this.#commitLongWaiting();
    return typeof stmt === 'string' ? this.#run(stmt, args) : this.#run(stmt.sql, stmt.args);
  }

  async batch(stmts: Array<InStatement | [string, InArgs?]>, mode: TransactionMode = 'deferred'): Promise<ResultSet[]> {
    this.#open();
    this.#commitLongWaiting();
    return this.#batchNow(stmts.map(statementOf), mode);
  }

  /** A batch in its own transaction, at once. */
  #batchNow(statements: [string, InArgs | undefined][], mode: TransactionMode): ResultSet[] {
    this.#run(BEGIN[mode]);
    try {
      const results = statements.map(([sql, args], i) => {
        // A trigger's RAISE(ROLLBACK) ends the transaction: what follows must not run outside it.
        if (!this.native.inTransaction)
          throw new LibsqlBatchError('The transaction has been rolled back', i, 'TRANSACTION_CLOSED');
        try {
          return this.#run(sql, args);
        } catch (e) {
          if (!(e instanceof LibsqlError) || e instanceof LibsqlBatchError) throw e;
          throw new LibsqlBatchError(e.message, i, e.code, e.extendedCode, e.rawCode, e.cause as Error | undefined);
        }
      });
      this.#run('COMMIT');
      return results;
    } finally {
      if (this.native.inTransaction) this.native.prepare('ROLLBACK').run();
    }
  }

  /**
   * One write statement, committed together with the others that arrive before the event loop next turns (group
   * commit, decision 0246): under `synchronous=FULL` each commit waits for the disk, so a sign-up paid a whole fsync
   * of its own. The group runs in one synchronous stretch (BEGIN IMMEDIATE … COMMIT), so no other caller ever sees
   * or joins its open transaction; each caller is answered only after COMMIT. If any statement of a group fails (or
   * a trigger's RAISE(ROLLBACK) ends the transaction), the group is rolled back and each statement runs again on its
   * own: every caller gets exactly the answer it would have had alone. Under a mixed load one turn of the event loop
   * can hold many slow requests; a write does not wait behind them for longer than `GROUP_WAIT_MS`: the next
   * statement anyone runs after that commits the group first.
   */
  async executeInGroup(stmt: InStatement): Promise<ResultSet> {
    const [result] = await this.#wait([statementOf(stmt)], false);
    return result;
  }

  /**
   * A write batch (its statements in one transaction, as `batch` runs them) committed in the next group with the
   * other writes waiting: the same answers as `batch`, including its LibsqlBatchError when a statement fails.
   */
  batchInGroup(stmts: Array<InStatement | [string, InArgs?]>): Promise<ResultSet[]> {
    return this.#wait(stmts.map(statementOf), true);
  }

  #wait(statements: Waiting['statements'], batch: boolean): Promise<ResultSet[]> {
    this.#open();
    return new Promise((resolve, reject) => {
      if (!this.#waiting) {
        this.#waiting = [];
        this.#waitingSince = performance.now();
        setImmediate(() => this.#commitGroup());
      }
      this.#waiting.push({ statements, batch, resolve, reject });
    });
  }

  /** Commits the waiting writes first if the oldest has waited `GROUP_WAIT_MS` (never inside a transaction). */
  #commitLongWaiting() {
    if (this.#waiting && !this.native.inTransaction && performance.now() - this.#waitingSince >= GROUP_WAIT_MS)
      this.#commitGroup();
  }

  #commitGroup() {
    // Already committed early (see #commitLongWaiting): nothing waits, or only writes that came after.
    const group = this.#waiting ?? [];
    this.#waiting = null;
    if (group.length > 1 && this.#together(group)) return;
    for (const w of group) {
      try {
        this.#open();
        w.resolve(
          w.batch ? this.#batchNow(w.statements, 'write') : w.statements.map(([sql, args]) => this.#run(sql, args)),
        );
      } catch (e) {
        w.reject(e);
      }
    }
  }

  /** Runs the group in one transaction and answers every caller; false (nothing written) if any part failed. */
  #together(group: Waiting[]): boolean {
    if (this.closed || this.native.inTransaction) return false;
    const results: ResultSet[][] = [];
    try {
      this.#run(BEGIN.write);
      for (const w of group) {
        const mine: ResultSet[] = [];
        for (const [sql, args] of w.statements) {
          // A trigger's RAISE(ROLLBACK) ends the transaction: what follows must not run outside it.
          if (!this.native.inTransaction) return false;
          mine.push(this.#run(sql, args));
        }
        results.push(mine);
      }
      if (!this.native.inTransaction) return false;
      this.#run('COMMIT');
    } catch {
      return false;
    } finally {
      if (this.native.inTransaction) this.native.prepare('ROLLBACK').run();
    }
    for (const [i, w] of group.entries()) w.resolve(results[i]);
    return true;
  }

  async migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    // The schema changes under the cached statements: their column lists may be stale.
    this.#cache.clear();
    return this.inner.migrate(stmts);
  }

  transaction(mode?: TransactionMode) {
    return this.inner.transaction(mode);
  }

  async executeMultiple(sql: string): Promise<void> {
    this.#cache.clear();
    return this.inner.executeMultiple(sql);
  }

  sync() {
    return this.inner.sync();
  }

  reconnect() {
    throw new LibsqlError('reconnect is not supported by the statement-cache client', 'NOT_SUPPORTED');
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    this.#cache.clear();
    this.native.close();
    this.inner.close();
  }

  #open() {
    if (this.closed) throw new LibsqlError('The client is closed', 'CLIENT_CLOSED');
  }

  /**
   * A read's rows as arrays of values in column order, without building libSQL `Row`s: for `hotSelect`, which
   * shapes them once per statement (decision 0245). Its statements read integers as JavaScript numbers in the
   * native layer: a BigInt for each integer and its range check cost as much as running the volunteers' list. The
   * hot selections read ids, counts and millisecond times, all far below 2^53.
   */
  rawRows(sql: string, args: unknown[]): unknown[][] {
    this.#open();
    this.#commitLongWaiting();
    try {
      return this.#prepared(sql, false).statement.all(bind(args as InArgs)) as unknown[][];
    } catch (e) {
      throw asLibsqlError(e);
    }
  }

  #run(sql: string, args?: InArgs): ResultSet {
    try {
      const prepared = this.#prepared(sql);
      const bound = bind(args);
      if (prepared.columns === null) {
        const info = prepared.statement.run(bound);
        return resultSet([], [], [], info.changes, BigInt(info.lastInsertRowid));
      }
      const rows = prepared.statement.all(bound).map((values) => prepared.row(values as unknown[]));
      return resultSet(prepared.columns, prepared.columnTypes, rows, 0, undefined);
    } catch (e) {
      throw asLibsqlError(e);
    }
  }

  #prepared(sql: string, safeIntegers = true): Prepared {
    // A statement read with plain numbers is kept apart from the same text read with BigInts.
    const key = safeIntegers ? sql : `${NUMBERS}${sql}`;
    const hit = this.#cache.get(key);
    if (hit) return hit;
    // DDL run through here changes what other cached statements' columns are.
    if (/^\s*(create|alter|drop)\b/i.test(sql)) this.#cache.clear();
    const statement = this.native.prepare(sql);
    statement.safeIntegers(safeIntegers);
    let prepared: Prepared;
    try {
      statement.raw(true);
      const described = statement.columns();
      const columns = described.map((c) => c.name);
      prepared = { statement, columns, columnTypes: described.map((c) => c.type ?? ''), row: rowMaker(columns) };
    } catch {
      prepared = { statement, columns: null, columnTypes: [], row: rowMaker([]) };
    }
    if (this.#cache.size >= MOST) this.#cache.clear();
    this.#cache.set(key, prepared);
    return prepared;
  }
}

function bind(args: InArgs | undefined): unknown[] | Record<string, unknown> {
  if (args === undefined) return [];
  if (Array.isArray(args)) return args.map(toNative);
  const named: Record<string, unknown> = {};
  // libsql binds names without their sigil.
  for (const [key, value] of Object.entries(args)) named[/^[@$:]/.test(key) ? key.slice(1) : key] = toNative(value);
  return named;
}

/** @libsql/client's argument rules, in its default `number` integer mode. */
function toNative(value: InValue): unknown {
  if (typeof value === 'number' && !Number.isFinite(value))
    throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments');
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Date) return value.valueOf();
  if (value === undefined) throw new TypeError('undefined cannot be passed as argument to the database');
  return value;
}

function fromNative(value: unknown): unknown {
  if (typeof value === 'bigint') return safeNumber(value);
  if (value instanceof Buffer) return value.buffer;
  return value;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

function safeNumber(value: bigint): number {
  if (value > MAX_SAFE || value < MIN_SAFE)
    throw new RangeError('Received integer which cannot be safely represented as a JavaScript number');
  return Number(value);
}

const VALUES = Symbol('values');
type Held = { [VALUES]: unknown[] };

/**
 * Builds libSQL `Row`s for one statement's columns: values by column name as own enumerable fields (the first of a
 * repeated name, as @libsql/client does) and by index through getters on a shared prototype, with `length`. Made
 * once per statement, so a row costs a few plain assignments instead of a `defineProperty` per value.
 */
function rowMaker(columns: string[]): (values: unknown[]) => Row {
  const proto = {};
  Object.defineProperty(proto, 'length', { value: columns.length });
  for (let i = 0; i < columns.length; i++)
    Object.defineProperty(proto, i, {
      get(this: Held) {
        return this[VALUES][i];
      },
    });
  // 'length' and index-like names cannot be own fields beside those (libsql leaves them out too).
  const named = columns
    .map((name, i) => ({ name, i }))
    .filter(({ name, i }) => columns.indexOf(name) === i && name !== 'length' && !/^\d+$/.test(name));
  return (values) => {
    for (let i = 0; i < values.length; i++) values[i] = fromNative(values[i]);
    const row = Object.create(proto) as Held & Record<string, unknown>;
    row[VALUES] = values;
    for (const { name, i } of named) row[name] = values[i];
    return row as unknown as Row;
  };
}

function resultSet(
  columns: string[],
  columnTypes: string[],
  rows: Row[],
  rowsAffected: number,
  lastInsertRowid: bigint | undefined,
): ResultSet {
  return {
    columns,
    columnTypes,
    rows,
    rowsAffected,
    lastInsertRowid,
    toJSON: () => ({
      columns,
      columnTypes,
      rows: rows.map((r) => Array.from(r, (v) => (typeof v === 'bigint' ? String(v) : v))),
      rowsAffected,
      lastInsertRowid: lastInsertRowid === undefined ? null : String(lastInsertRowid),
    }),
  };
}

/** SQLite's errors as @libsql/client reports them: base code name, extended code, raw code, the cause kept. */
function asLibsqlError(e: unknown): unknown {
  if (!(e instanceof Database.SqliteError)) return e;
  const raw = (e as { rawCode?: number }).rawCode;
  const base = raw === undefined ? 'SQLITE_UNKNOWN' : (BASE_CODES[raw & 0xff] ?? `SQLITE_UNKNOWN_${raw & 0xff}`);
  return new LibsqlError(e.message, base, e.code, raw, e);
}

const BASE_CODES: Record<number, string> = Object.fromEntries(
  [
    'ERROR INTERNAL PERM ABORT BUSY LOCKED NOMEM READONLY INTERRUPT IOERR CORRUPT NOTFOUND FULL CANTOPEN PROTOCOL',
    'EMPTY SCHEMA TOOBIG CONSTRAINT MISMATCH MISUSE NOLFS AUTH FORMAT RANGE NOTADB NOTICE WARNING',
  ]
    .join(' ')
    .split(' ')
    .map((name, i) => [i + 1, `SQLITE_${name}`]),
);

import type { Context, MiddlewareHandler } from 'hono';
import type { PasswordHasher } from '../auth/password.js';
import type { Db } from '../db/client.js';
import type { Role } from '../db/schema/index.js';
import type { MilpSolver } from '../domain/matching/index.js';
import type { Config } from '../env.js';
import type { PackedHtml } from './compress-html.js';
import type { Locale, Translate } from './i18n/index.js';
import type { Logger } from './logger.js';
import type { PersonalDataCipher } from './personal-data.js';

/** What the app needs from the outside world; the Node and Workers entries each build one. */
export interface Deps {
  db: Db;
  now: () => Date;
  config: Config;
  passwords: PasswordHasher;
  logger: Logger;
  /** Encrypts ID numbers and mobiles at rest; hashes them for lookup. */
  cipher: PersonalDataCipher;
  /** The client's address, for login throttling; runtimes know it differently. */
  clientIp?: (c: Context) => string | undefined;
  /** Serves /static/* (files from installed packages under Node, Workers assets on Workers). */
  assets?: MiddlewareHandler;
  /** Compresses HTML per response where the runtime does not (Node; Workers' edge compresses itself). */
  compressHtml?: MiddlewareHandler;
  /** SVG → PNG for charts in Word files (a native rasteriser under Node; absent on Workers: no chart images). */
  rasterise?: SvgRasteriser;
  /** The visit planner's MILP solver, loaded on first use (HiGHS under Node); absent: flow bounds only (0053). */
  milp?: () => Promise<MilpSolver>;
  /** A fresh clock (ms) for each plan's time budget; absent: the wall clock (Workers pass a work clock, 0053). */
  planClock?: () => () => number;
}

export type SvgRasteriser = (svg: string, widthPx: number) => Promise<Uint8Array>;

/** The logged-in user as every policy sees them. */
export interface Viewer {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  townshipId: number | null;
  organisationId: number | null;
  locale: Locale;
}

export type AppEnv = {
  Variables: {
    deps: Deps;
    viewer: Viewer | null;
    sessionId: string | null;
    /** The user of a genuine session that has just expired (idle or absolute), else null. */
    expiredUserId: number | null;
    locale: Locale;
    t: Translate;
    authorized: boolean;
    /** Set by `compressHtml` (Node): a page's bytes for this request, compressed where that pays. */
    packHtml?: (html: string) => PackedHtml;
  };
};

export type AppContext = Context<AppEnv>;

import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { organisations, townships, users } from '../../db/schema/index.js';

export function listUsers(db: Db) {
  return db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      disabledAt: users.disabledAt,
      township: townships.name,
      organisation: organisations.name,
    })
    .from(users)
    .leftJoin(townships, eq(townships.id, users.townshipId))
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .orderBy(asc(users.id));
}

export type UserRow = Awaited<ReturnType<typeof listUsers>>[number];

export function organisationOptions(db: Db) {
  return db
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
    .from(organisations)
    .orderBy(asc(organisations.name));
}

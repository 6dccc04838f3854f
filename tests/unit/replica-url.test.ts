// DATABASE_REPLICA_URL (server/env.ts): unset or blank, there is no replica
// and nothing changes; anything but a PostgreSQL URL stops the server at
// start, naming the variable and never echoing what may hold a password.
import { describe, expect, it } from "vitest";
import { databaseReplicaUrl } from "../../server/env";

describe("databaseReplicaUrl", () => {
  it("means no replica when unset or blank", () => {
    expect(databaseReplicaUrl({})).toBeNull();
    expect(databaseReplicaUrl({ DATABASE_REPLICA_URL: " " })).toBeNull();
  });

  it("reads a PostgreSQL URL in either scheme, spaces around it dropped", () => {
    expect(databaseReplicaUrl({ DATABASE_REPLICA_URL: " postgresql://app:secret@replica:5432/tracker " })).toBe("postgresql://app:secret@replica:5432/tracker");
    expect(databaseReplicaUrl({ DATABASE_REPLICA_URL: "postgres://app@replica/tracker" })).toBe("postgres://app@replica/tracker");
  });

  it.each(["replica:5432/tracker", "mysql://app:secret@replica/tracker", "app:secret@replica"])("refuses %s, naming the variable without echoing it", (value) => {
    expect(() => databaseReplicaUrl({ DATABASE_REPLICA_URL: value })).toThrow(/^DATABASE_REPLICA_URL must be a PostgreSQL URL/);
    expect(() => databaseReplicaUrl({ DATABASE_REPLICA_URL: value })).not.toThrow(/secret/);
  });
});

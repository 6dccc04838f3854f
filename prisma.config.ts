import { defineConfig } from "prisma/config";

// The Prisma CLI (prisma migrate deploy) works as the tables' owner, as
// npm run db:migrate does; the application role may not change the schema.
// Only npm run db:migrate and npm start grant that role its privileges on
// the tables a migration adds.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL || "postgresql://localhost:5432/tracker" },
});

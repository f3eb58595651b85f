import { defineConfig } from "prisma/config";

// Prisma 7 reads the connection from here, not from schema.prisma. `prisma generate`
// needs no database, so a missing DATABASE_URL is fine at install time.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/preflight" },
});

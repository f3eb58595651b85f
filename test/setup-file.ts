import { inject } from "vitest";

// Runs before each test file's imports, so lib/env.ts and lib/db.ts see the run's database.
process.env.DATABASE_URL = inject("databaseUrl");

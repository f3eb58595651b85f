import { pool, prisma } from "@/lib/db";
import { DEMO_EMAIL_DOMAIN, isDemoLoaded, loadDemoData } from "./demo-data";

// npm run db:seed [-- --force] [-- --if-empty]
//   Loads the demo company. Idempotent: a database that already has it is left unchanged.
//   Refuses a database that holds people other than the demo's, unless --force.
//   --if-empty (used by npm start): only seeds a database with nobody in it yet.

async function main(argv: string[]): Promise<number> {
  const force = argv.includes("--force");
  const ifEmpty = argv.includes("--if-empty");
  const people = await prisma.user.count();
  if (ifEmpty && people > 0) return 0;
  if (await isDemoLoaded()) {
    console.log("Demo data is already loaded; nothing changed.");
    return 0;
  }
  const others = await prisma.user.count({ where: { NOT: { email: { endsWith: DEMO_EMAIL_DOMAIN } } } });
  if (others > 0 && !force) {
    console.error(
      `Refusing to load demo data: this database holds ${others} people who are not demo accounts. ` +
        "Use --force to load it anyway.",
    );
    return 1;
  }
  const started = Date.now();
  const { automations } = await loadDemoData();
  console.log(`Demo data loaded: 5 departments, ${automations} automations (${Date.now() - started} ms).`);
  return 0;
}

main(process.argv.slice(2))
  .then(async (code) => {
    await prisma.$disconnect();
    await pool().end();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error("Seeding failed:", error instanceof Error ? error.message : error);
    process.exit(1);
  });

import { beforeEach, describe, expect, it } from "vitest";
import { inPgTransaction, statements } from "@/lib/transaction";
import { pool, prisma, resetDatabase } from "@/test/support/db";

// A bulk change's own pg transaction commits or rolls back as a whole, like Prisma's, and the
// set-based writers read and write the same through either kind.

beforeEach(async () => {
  await resetDatabase();
});

const insertDepartment = `insert into departments (name, "updatedAt") values ($1, now())`;

async function departmentNames(): Promise<string[]> {
  const { rows } = await pool().query<{ name: string }>("select name from departments order by name");
  return rows.map((row) => row.name);
}

describe("inPgTransaction", () => {
  it("commits what the work wrote when it returns, and answers what it returned", async () => {
    const answer = await inPgTransaction(async (client) => {
      await client.query(insertDepartment, ["Finance"]);
      await client.query(insertDepartment, ["Sales"]);
      return "done";
    });
    expect(answer).toBe("done");
    expect(await departmentNames()).toEqual(["Finance", "Sales"]);
  });

  it("rolls everything back when the work throws, and rethrows", async () => {
    const failing = inPgTransaction(async (client) => {
      await client.query(insertDepartment, ["Finance"]);
      throw new Error("halfway");
    });
    await expect(failing).rejects.toThrow("halfway");
    expect(await departmentNames()).toEqual([]);
  });

  it("rolls back a statement that fails, and leaves the pool usable", async () => {
    await pool().query(insertDepartment, ["Finance"]);
    const failing = inPgTransaction(async (client) => {
      await client.query(insertDepartment, ["Sales"]);
      await client.query(insertDepartment, ["Finance"]); // unique name
    });
    await expect(failing).rejects.toThrow(/unique/);
    expect(await departmentNames()).toEqual(["Finance"]);
    expect(await inPgTransaction(async (client) => (await client.query("select 1 as one")).rows)).toEqual([
      { one: 1 },
    ]);
  });
});

describe("statements", () => {
  it("reads and writes the same through a Prisma transaction and a pg client", async () => {
    const read = `select name, "createdAt" is not null as dated from departments where name = any($1::text[]) order by name`;
    const viaPrisma = await prisma.$transaction(async (tx) => {
      const written = await statements(tx).run(insertDepartment, ["Finance"]);
      return { written, rows: await statements(tx).rows(read, [["Finance", "Sales"]]) };
    });
    const viaPg = await inPgTransaction(async (client) => {
      const written = await statements(client).run(insertDepartment, ["Sales"]);
      return { written, rows: await statements(client).rows(read, [["Finance", "Sales"]]) };
    });
    expect(viaPrisma).toEqual({ written: 1, rows: [{ name: "Finance", dated: true }] });
    expect(viaPg).toEqual({
      written: 1,
      rows: [
        { name: "Finance", dated: true },
        { name: "Sales", dated: true },
      ],
    });
  });
});

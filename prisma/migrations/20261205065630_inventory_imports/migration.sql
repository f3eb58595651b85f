-- CreateEnum
CREATE TYPE "ImportSource" AS ENUM ('PREFLIGHT_CSV', 'COE', 'POWERSHELL', 'LIVE_SYNC');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('ANALYSING', 'PREVIEW', 'RUNNING', 'DONE', 'FAILED', 'CANCELLED');

-- AlterTable
ALTER TABLE "automations" ADD COLUMN     "environmentId" TEXT,
ADD COLUMN     "externalId" TEXT,
ADD COLUMN     "inventoryHash" TEXT,
ADD COLUMN     "inventorySource" "ImportSource",
ADD COLUMN     "inventoryVersion" INTEGER,
ADD COLUMN     "lastSeenAt" TIMESTAMPTZ(3),
ADD COLUMN     "notSeenSince" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "system_accesses" ADD COLUMN     "externalId" TEXT,
ADD COLUMN     "inferred" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "inventory_imports" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "source" "ImportSource" NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'ANALYSING',
    "createdById" UUID NOT NULL,
    "defaultDepartmentId" UUID,
    "counts" JSONB NOT NULL DEFAULT '{}',
    "errors" JSONB NOT NULL DEFAULT '[]',
    "progressDone" INTEGER NOT NULL DEFAULT 0,
    "progressTotal" INTEGER NOT NULL DEFAULT 0,
    "failure" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "inventory_imports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inventory_import_files" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "importId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "content" BYTEA NOT NULL,

    CONSTRAINT "inventory_import_files_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inventory_staged_flows" (
    "importId" UUID NOT NULL,
    "environmentId" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "plan" JSONB NOT NULL,
    "hash" TEXT NOT NULL,
    "applied" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "inventory_staged_flows_pkey" PRIMARY KEY ("importId","environmentId","flowId")
);

-- CreateTable
CREATE TABLE "inventory_environments" (
    "id" TEXT NOT NULL,
    "displayName" TEXT,
    "departmentId" UUID,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "inventory_environments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inventory_findings" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "automationId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL DEFAULT '',
    "severity" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMPTZ(3),

    CONSTRAINT "inventory_findings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "inventory_imports_createdAt_id_idx" ON "inventory_imports"("createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "inventory_import_files_importId_position_key" ON "inventory_import_files"("importId", "position");

-- CreateIndex
CREATE INDEX "inventory_findings_resolvedAt_kind_idx" ON "inventory_findings"("resolvedAt", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "inventory_findings_automationId_kind_subject_key" ON "inventory_findings"("automationId", "kind", "subject");

-- CreateIndex
CREATE UNIQUE INDEX "automations_environmentId_externalId_key" ON "automations"("environmentId", "externalId");

-- AddForeignKey
ALTER TABLE "inventory_imports" ADD CONSTRAINT "inventory_imports_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inventory_import_files" ADD CONSTRAINT "inventory_import_files_importId_fkey" FOREIGN KEY ("importId") REFERENCES "inventory_imports"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inventory_staged_flows" ADD CONSTRAINT "inventory_staged_flows_importId_fkey" FOREIGN KEY ("importId") REFERENCES "inventory_imports"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inventory_findings" ADD CONSTRAINT "inventory_findings_automationId_fkey" FOREIGN KEY ("automationId") REFERENCES "automations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

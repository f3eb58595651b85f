-- CreateEnum
CREATE TYPE "PersonSource" AS ENUM ('SIGN_IN', 'INVENTORY', 'SCIM');

-- CreateEnum
CREATE TYPE "OwnerMissing" AS ENUM ('NOT_FOUND', 'LEFT');

-- AlterTable
ALTER TABLE "automations" ADD COLUMN     "ownerMissing" "OwnerMissing",
ADD COLUMN     "ownerMissingSince" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "entraObjectId" TEXT,
ADD COLUMN     "knownFrom" "PersonSource" NOT NULL DEFAULT 'SIGN_IN';

-- CreateIndex
CREATE INDEX "automations_ownerMissing_departmentId_idx" ON "automations"("ownerMissing", "departmentId");

-- CreateIndex
CREATE UNIQUE INDEX "users_entraObjectId_key" ON "users"("entraObjectId");

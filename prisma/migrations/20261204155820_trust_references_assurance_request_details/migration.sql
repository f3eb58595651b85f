-- CreateEnum
CREATE TYPE "AssuranceBasis" AS ENUM ('DECLARED', 'APPROVED', 'VERIFIED');

-- CreateEnum
CREATE TYPE "ReviewOutcome" AS ENUM ('VERIFIED', 'SENT_BACK');

-- CreateEnum
CREATE TYPE "DataClassification" AS ENUM ('PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'RESTRICTED');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "CredentialStore" ADD VALUE 'HASHICORP_VAULT';
ALTER TYPE "CredentialStore" ADD VALUE 'AWS_SECRETS_MANAGER';

-- AlterTable
ALTER TABLE "automations" ADD COLUMN     "machine" TEXT,
ADD COLUMN     "windowsAccount" TEXT,
ADD COLUMN     "windowsAccountType" "WindowsAccountType";

-- AlterTable
ALTER TABLE "connectors" ADD COLUMN     "authScheme" TEXT,
ADD COLUMN     "baseUrl" TEXT,
ADD COLUMN     "dataClassification" "DataClassification",
ADD COLUMN     "keyStore" "CredentialStore" NOT NULL DEFAULT 'AZURE_KEY_VAULT',
ADD COLUMN     "scopes" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "vendor" TEXT;

-- AlterTable
ALTER TABLE "gateways" ADD COLUMN     "dataSources" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "prerequisites" ADD COLUMN     "basis" "AssuranceBasis",
ADD COLUMN     "basisAt" TIMESTAMPTZ(3),
ADD COLUMN     "basisById" UUID;

-- AlterTable
ALTER TABLE "requests" ADD COLUMN     "details" JSONB;

-- CreateTable
CREATE TABLE "prerequisite_reviews" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "automationId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "outcome" "ReviewOutcome" NOT NULL,
    "declaration" TEXT NOT NULL,
    "reason" TEXT,
    "reviewerId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "prerequisite_reviews_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "prerequisite_reviews_automationId_key_key" ON "prerequisite_reviews"("automationId", "key");

-- CreateIndex
CREATE INDEX "prerequisites_basis_status_idx" ON "prerequisites"("basis", "status");

-- AddForeignKey
ALTER TABLE "prerequisite_reviews" ADD CONSTRAINT "prerequisite_reviews_automationId_fkey" FOREIGN KEY ("automationId") REFERENCES "automations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "prerequisite_reviews" ADD CONSTRAINT "prerequisite_reviews_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

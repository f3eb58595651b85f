/*
  Warnings:

  - The unique constraint on users.scimUserName is added with the column, which holds only nulls: it cannot fail.
  - RoleSource gains SCIM; no statement of this migration uses the new value (PostgreSQL refuses
    that inside the transaction that adds it).

*/
-- AlterEnum
ALTER TYPE "RoleSource" ADD VALUE 'SCIM';

-- AlterTable
ALTER TABLE "automations" ADD COLUMN     "windowsAccountLeftAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "system_accesses" ADD COLUMN     "credentialRotatedAt" TIMESTAMPTZ(3),
ADD COLUMN     "knowerLeftAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "lineManagerId" UUID,
ADD COLUMN     "scimDeletedAt" TIMESTAMPTZ(3),
ADD COLUMN     "scimUserName" TEXT;

-- CreateTable
CREATE TABLE "scim_groups" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "displayName" TEXT NOT NULL,
    "externalId" TEXT,
    "role" "Role",
    "deletedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "scim_groups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scim_group_members" (
    "groupId" UUID NOT NULL,
    "userId" UUID NOT NULL,

    CONSTRAINT "scim_group_members_pkey" PRIMARY KEY ("groupId","userId")
);

-- CreateTable
CREATE TABLE "scim_tokens" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdById" UUID,
    "lastUsedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "scim_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "scim_groups_externalId_key" ON "scim_groups"("externalId");

-- CreateIndex
CREATE INDEX "scim_groups_displayName_idx" ON "scim_groups"("displayName");

-- CreateIndex
CREATE INDEX "scim_group_members_userId_idx" ON "scim_group_members"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "scim_tokens_prefix_key" ON "scim_tokens"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "scim_tokens_hash_key" ON "scim_tokens"("hash");

-- CreateIndex
CREATE UNIQUE INDEX "users_scimUserName_key" ON "users"("scimUserName");

-- CreateIndex
CREATE INDEX "users_lineManagerId_idx" ON "users"("lineManagerId");

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_lineManagerId_fkey" FOREIGN KEY ("lineManagerId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scim_group_members" ADD CONSTRAINT "scim_group_members_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "scim_groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scim_group_members" ADD CONSTRAINT "scim_group_members_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scim_tokens" ADD CONSTRAINT "scim_tokens_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

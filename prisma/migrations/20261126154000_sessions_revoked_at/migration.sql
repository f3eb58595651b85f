-- AlterTable
ALTER TABLE "users" ADD COLUMN     "sessionsRevokedAt" TIMESTAMPTZ(3);

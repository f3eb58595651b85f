-- CreateEnum
CREATE TYPE "Role" AS ENUM ('MAKER', 'IT_APPROVER', 'MANAGER', 'ADMIN');

-- CreateEnum
CREATE TYPE "RoleSource" AS ENUM ('CLAIM', 'APP');

-- CreateEnum
CREATE TYPE "AutomationKind" AS ENUM ('CLOUD_FLOW', 'DESKTOP_FLOW', 'WEBSITE_AUTOMATION', 'API_INTEGRATION');

-- CreateEnum
CREATE TYPE "RunMode" AS ENUM ('ATTENDED', 'UNATTENDED');

-- CreateEnum
CREATE TYPE "AutomationStatus" AS ENUM ('PENDING', 'READY', 'BLOCKED', 'RETIRED');

-- CreateEnum
CREATE TYPE "SystemLocation" AS ENUM ('CLOUD', 'ON_PREMISES');

-- CreateEnum
CREATE TYPE "SignInMethod" AS ENUM ('ENTRA_ID', 'USERNAME_PASSWORD', 'WINDOWS', 'SHARED_KEY');

-- CreateEnum
CREATE TYPE "CredentialStore" AS ENUM ('AZURE_KEY_VAULT', 'CYBERARK', 'POWER_AUTOMATE', 'OTHER');

-- CreateEnum
CREATE TYPE "WindowsAccountType" AS ENUM ('PERSONAL', 'SERVICE');

-- CreateEnum
CREATE TYPE "PrerequisiteType" AS ENUM ('GATEWAY', 'ENTRA_CONNECTION', 'CREDENTIAL', 'WINDOWS_SIGN_IN', 'SHARED_KEY_CONNECTOR');

-- CreateEnum
CREATE TYPE "PrerequisiteStatus" AS ENUM ('OUTSTANDING', 'REQUESTED', 'SATISFIED', 'REJECTED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "ConnectorStatus" AS ENUM ('APPROVED', 'REVOKED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "ConnectorSharing" AS ENUM ('ALL', 'DEPARTMENTS');

-- CreateEnum
CREATE TYPE "GatewayKind" AS ENUM ('DATA_GATEWAY', 'MACHINE_GROUP');

-- CreateEnum
CREATE TYPE "GatewayStatus" AS ENUM ('ONLINE', 'OFFLINE', 'DECOMMISSIONED');

-- CreateEnum
CREATE TYPE "RequestType" AS ENUM ('SHARED_KEY_CONNECTOR', 'GATEWAY');

-- CreateEnum
CREATE TYPE "RequestStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN', 'CANCELLED');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('PENDING', 'SENT', 'FAILED', 'SKIPPED');

-- CreateTable
CREATE TABLE "departments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "departments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "externalId" TEXT,
    "departmentId" UUID,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "lastSignInAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "role_assignments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "userId" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "source" "RoleSource" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "role_assignments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "department_managers" (
    "userId" UUID NOT NULL,
    "departmentId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "department_managers_pkey" PRIMARY KEY ("userId","departmentId")
);

-- CreateTable
CREATE TABLE "automations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "kind" "AutomationKind" NOT NULL,
    "runMode" "RunMode" NOT NULL,
    "status" "AutomationStatus" NOT NULL DEFAULT 'PENDING',
    "runAs" TEXT,
    "ownerId" UUID NOT NULL,
    "departmentId" UUID NOT NULL,
    "gatewayId" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "retiredAt" TIMESTAMPTZ(3),

    CONSTRAINT "automations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "system_accesses" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "automationId" UUID NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "name" TEXT NOT NULL,
    "location" "SystemLocation" NOT NULL,
    "signInMethod" "SignInMethod" NOT NULL,
    "sso" BOOLEAN NOT NULL DEFAULT false,
    "service" TEXT,
    "credentialStore" "CredentialStore",
    "credentialName" TEXT,
    "credentialOwner" TEXT,
    "credentialRotatesAt" TIMESTAMPTZ(3),
    "machineGroup" TEXT,
    "windowsAccount" TEXT,
    "windowsAccountType" "WindowsAccountType",
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "system_accesses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "prerequisites" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "automationId" UUID NOT NULL,
    "departmentId" UUID NOT NULL,
    "systemAccessId" UUID,
    "key" TEXT NOT NULL,
    "type" "PrerequisiteType" NOT NULL,
    "status" "PrerequisiteStatus" NOT NULL,
    "satisfiedBy" TEXT,
    "connectorId" UUID,
    "gatewayId" UUID,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "prerequisites_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "connectors" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "ownerTeam" TEXT NOT NULL,
    "ownerId" UUID,
    "keyReference" TEXT NOT NULL,
    "keyExpiresAt" TIMESTAMPTZ(3) NOT NULL,
    "status" "ConnectorStatus" NOT NULL DEFAULT 'APPROVED',
    "sharing" "ConnectorSharing" NOT NULL DEFAULT 'ALL',
    "createdById" UUID,
    "revokedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "connectors_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "connector_departments" (
    "connectorId" UUID NOT NULL,
    "departmentId" UUID NOT NULL,

    CONSTRAINT "connector_departments_pkey" PRIMARY KEY ("connectorId","departmentId")
);

-- CreateTable
CREATE TABLE "gateways" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "kind" "GatewayKind" NOT NULL DEFAULT 'DATA_GATEWAY',
    "cluster" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "status" "GatewayStatus" NOT NULL DEFAULT 'ONLINE',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "gateways_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "gateway_admins" (
    "gatewayId" UUID NOT NULL,
    "userId" UUID NOT NULL,

    CONSTRAINT "gateway_admins_pkey" PRIMARY KEY ("gatewayId","userId")
);

-- CreateTable
CREATE TABLE "requests" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "type" "RequestType" NOT NULL,
    "status" "RequestStatus" NOT NULL DEFAULT 'PENDING',
    "requesterId" UUID NOT NULL,
    "automationId" UUID NOT NULL,
    "prerequisiteId" UUID,
    "prerequisiteKey" TEXT,
    "departmentId" UUID NOT NULL,
    "service" TEXT,
    "justification" TEXT NOT NULL,
    "assigneeId" UUID,
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),
    "decisionReason" TEXT,
    "connectorId" UUID,
    "gatewayId" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "request_comments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "requestId" UUID NOT NULL,
    "authorId" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "request_comments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" BIGSERIAL NOT NULL,
    "actorId" UUID,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "userId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3),
    "lastUsedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "userId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT,
    "dedupeKey" TEXT,
    "readAt" TIMESTAMPTZ(3),
    "emailStatus" "DeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "sentAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outstanding_snapshots" (
    "day" DATE NOT NULL,
    "departmentId" UUID NOT NULL,
    "type" "PrerequisiteType" NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "outstanding_snapshots_pkey" PRIMARY KEY ("day","departmentId","type")
);

-- CreateTable
CREATE TABLE "rate_limits" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "departments_name_key" ON "departments"("name");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "users_externalId_key" ON "users"("externalId");

-- CreateIndex
CREATE INDEX "users_departmentId_idx" ON "users"("departmentId");

-- CreateIndex
CREATE INDEX "users_name_idx" ON "users"("name");

-- CreateIndex
CREATE INDEX "role_assignments_role_idx" ON "role_assignments"("role");

-- CreateIndex
CREATE UNIQUE INDEX "role_assignments_userId_role_source_key" ON "role_assignments"("userId", "role", "source");

-- CreateIndex
CREATE INDEX "department_managers_departmentId_idx" ON "department_managers"("departmentId");

-- CreateIndex
CREATE INDEX "automations_departmentId_status_idx" ON "automations"("departmentId", "status");

-- CreateIndex
CREATE INDEX "automations_ownerId_status_idx" ON "automations"("ownerId", "status");

-- CreateIndex
CREATE INDEX "automations_status_kind_idx" ON "automations"("status", "kind");

-- CreateIndex
CREATE INDEX "automations_createdAt_id_idx" ON "automations"("createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "automations_gatewayId_idx" ON "automations"("gatewayId");

-- CreateIndex
CREATE INDEX "system_accesses_service_idx" ON "system_accesses"("service");

-- CreateIndex
CREATE INDEX "system_accesses_signInMethod_idx" ON "system_accesses"("signInMethod");

-- CreateIndex
CREATE UNIQUE INDEX "system_accesses_automationId_name_key" ON "system_accesses"("automationId", "name");

-- CreateIndex
CREATE INDEX "prerequisites_departmentId_status_type_idx" ON "prerequisites"("departmentId", "status", "type");

-- CreateIndex
CREATE INDEX "prerequisites_status_type_idx" ON "prerequisites"("status", "type");

-- CreateIndex
CREATE INDEX "prerequisites_connectorId_idx" ON "prerequisites"("connectorId");

-- CreateIndex
CREATE INDEX "prerequisites_gatewayId_idx" ON "prerequisites"("gatewayId");

-- CreateIndex
CREATE INDEX "prerequisites_systemAccessId_idx" ON "prerequisites"("systemAccessId");

-- CreateIndex
CREATE UNIQUE INDEX "prerequisites_automationId_key_key" ON "prerequisites"("automationId", "key");

-- CreateIndex
CREATE INDEX "connectors_service_status_idx" ON "connectors"("service", "status");

-- CreateIndex
CREATE INDEX "connectors_status_keyExpiresAt_idx" ON "connectors"("status", "keyExpiresAt");

-- CreateIndex
CREATE INDEX "connectors_name_idx" ON "connectors"("name");

-- CreateIndex
CREATE INDEX "connector_departments_departmentId_idx" ON "connector_departments"("departmentId");

-- CreateIndex
CREATE UNIQUE INDEX "gateways_name_key" ON "gateways"("name");

-- CreateIndex
CREATE INDEX "gateways_status_idx" ON "gateways"("status");

-- CreateIndex
CREATE INDEX "gateway_admins_userId_idx" ON "gateway_admins"("userId");

-- CreateIndex
CREATE INDEX "requests_status_createdAt_idx" ON "requests"("status", "createdAt");

-- CreateIndex
CREATE INDEX "requests_departmentId_status_createdAt_idx" ON "requests"("departmentId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "requests_requesterId_status_idx" ON "requests"("requesterId", "status");

-- CreateIndex
CREATE INDEX "requests_automationId_prerequisiteKey_idx" ON "requests"("automationId", "prerequisiteKey");

-- CreateIndex
CREATE INDEX "requests_prerequisiteId_idx" ON "requests"("prerequisiteId");

-- CreateIndex
CREATE INDEX "request_comments_requestId_createdAt_idx" ON "request_comments"("requestId", "createdAt");

-- CreateIndex
CREATE INDEX "audit_events_entityType_entityId_createdAt_idx" ON "audit_events"("entityType", "entityId", "createdAt");

-- CreateIndex
CREATE INDEX "audit_events_createdAt_idx" ON "audit_events"("createdAt");

-- CreateIndex
CREATE INDEX "audit_events_actorId_createdAt_idx" ON "audit_events"("actorId", "createdAt");

-- CreateIndex
CREATE INDEX "audit_events_action_createdAt_idx" ON "audit_events"("action", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_prefix_key" ON "api_tokens"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_hash_key" ON "api_tokens"("hash");

-- CreateIndex
CREATE INDEX "api_tokens_userId_idx" ON "api_tokens"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "notifications_dedupeKey_key" ON "notifications"("dedupeKey");

-- CreateIndex
CREATE INDEX "notifications_userId_readAt_createdAt_idx" ON "notifications"("userId", "readAt", "createdAt");

-- CreateIndex
CREATE INDEX "notifications_emailStatus_createdAt_idx" ON "notifications"("emailStatus", "createdAt");

-- CreateIndex
CREATE INDEX "outstanding_snapshots_departmentId_day_idx" ON "outstanding_snapshots"("departmentId", "day");

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "departments"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "department_managers" ADD CONSTRAINT "department_managers_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "department_managers" ADD CONSTRAINT "department_managers_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "departments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "automations" ADD CONSTRAINT "automations_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "automations" ADD CONSTRAINT "automations_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "automations" ADD CONSTRAINT "automations_gatewayId_fkey" FOREIGN KEY ("gatewayId") REFERENCES "gateways"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "system_accesses" ADD CONSTRAINT "system_accesses_automationId_fkey" FOREIGN KEY ("automationId") REFERENCES "automations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "prerequisites" ADD CONSTRAINT "prerequisites_automationId_fkey" FOREIGN KEY ("automationId") REFERENCES "automations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "prerequisites" ADD CONSTRAINT "prerequisites_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "prerequisites" ADD CONSTRAINT "prerequisites_systemAccessId_fkey" FOREIGN KEY ("systemAccessId") REFERENCES "system_accesses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "prerequisites" ADD CONSTRAINT "prerequisites_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "connectors"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "prerequisites" ADD CONSTRAINT "prerequisites_gatewayId_fkey" FOREIGN KEY ("gatewayId") REFERENCES "gateways"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "connectors" ADD CONSTRAINT "connectors_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "connectors" ADD CONSTRAINT "connectors_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "connector_departments" ADD CONSTRAINT "connector_departments_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "connectors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "connector_departments" ADD CONSTRAINT "connector_departments_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "departments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gateway_admins" ADD CONSTRAINT "gateway_admins_gatewayId_fkey" FOREIGN KEY ("gatewayId") REFERENCES "gateways"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gateway_admins" ADD CONSTRAINT "gateway_admins_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "requests" ADD CONSTRAINT "requests_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "requests" ADD CONSTRAINT "requests_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "requests" ADD CONSTRAINT "requests_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "requests" ADD CONSTRAINT "requests_automationId_fkey" FOREIGN KEY ("automationId") REFERENCES "automations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "requests" ADD CONSTRAINT "requests_prerequisiteId_fkey" FOREIGN KEY ("prerequisiteId") REFERENCES "prerequisites"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "requests" ADD CONSTRAINT "requests_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "requests" ADD CONSTRAINT "requests_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "connectors"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "requests" ADD CONSTRAINT "requests_gatewayId_fkey" FOREIGN KEY ("gatewayId") REFERENCES "gateways"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "request_comments" ADD CONSTRAINT "request_comments_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "request_comments" ADD CONSTRAINT "request_comments_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outstanding_snapshots" ADD CONSTRAINT "outstanding_snapshots_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "departments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

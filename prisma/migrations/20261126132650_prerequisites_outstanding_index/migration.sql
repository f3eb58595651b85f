-- DropIndex
DROP INDEX "prerequisites_departmentId_status_type_idx";

-- CreateIndex
CREATE INDEX "prerequisites_departmentId_status_type_automationId_idx" ON "prerequisites"("departmentId", "status", "type", "automationId");

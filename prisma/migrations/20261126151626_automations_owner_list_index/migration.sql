-- CreateIndex
CREATE INDEX "automations_ownerId_createdAt_id_idx" ON "automations"("ownerId", "createdAt" DESC, "id" DESC);

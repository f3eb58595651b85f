-- CreateIndex
CREATE INDEX "requests_createdAt_id_idx" ON "requests"("createdAt", "id");

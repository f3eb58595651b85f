-- The dashboards count the connectors whose key expires within 90 days that the scope can use:
-- at 1,000,000 automations (20,000 connectors) that read 3,446 index entries and then 664 heap
-- pages for each one's sharing. With sharing and id in the index the count reads the index only
-- (the same leading columns serve the key-expiry job as before).

-- DropIndex
DROP INDEX "connectors_status_keyExpiresAt_idx";

-- CreateIndex
CREATE INDEX "connectors_status_keyExpiresAt_sharing_id_idx" ON "connectors"("status", "keyExpiresAt", "sharing", "id");

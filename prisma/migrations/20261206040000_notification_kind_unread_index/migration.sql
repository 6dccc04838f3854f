-- CreateIndex
CREATE INDEX "Notification_recipientId_kind_readAt_createdAt_idx" ON "Notification"("recipientId", "kind", "readAt", "createdAt");

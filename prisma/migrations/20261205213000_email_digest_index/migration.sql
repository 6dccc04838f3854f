-- CreateIndex
CREATE INDEX "EmailDelivery_userId_kind_createdAt_idx" ON "EmailDelivery"("userId", "kind", "createdAt");

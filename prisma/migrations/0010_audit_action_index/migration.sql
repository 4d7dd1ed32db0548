-- CreateIndex
CREATE INDEX "AuditEvent_accountId_action_idx" ON "AuditEvent"("accountId", "action");


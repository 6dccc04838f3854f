-- CreateEnum
CREATE TYPE "BackupRunStatus" AS ENUM ('running', 'succeeded', 'failed');

-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'backup_failed';

-- CreateTable
CREATE TABLE "BackupRun" (
    "id" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "finishedAt" TIMESTAMPTZ(3),
    "status" "BackupRunStatus" NOT NULL DEFAULT 'running',
    "file" TEXT NOT NULL,
    "sizeBytes" BIGINT,
    "error" TEXT,
    "removedAt" TIMESTAMPTZ(3),

    CONSTRAINT "BackupRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BackupRun_startedAt_idx" ON "BackupRun"("startedAt");

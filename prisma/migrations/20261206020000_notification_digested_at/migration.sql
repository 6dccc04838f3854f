-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "digestedAt" TIMESTAMPTZ(3);

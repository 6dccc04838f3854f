-- AlterTable
ALTER TABLE "Pillar" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

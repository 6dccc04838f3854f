-- AlterTable
ALTER TABLE "Assessment" ADD COLUMN     "narrativeLanguage" "Locale" NOT NULL DEFAULT 'en';

-- AlterTable
ALTER TABLE "AssessmentRound" ADD COLUMN     "titleEs" TEXT;

-- AlterTable
ALTER TABLE "Commitment" ADD COLUMN     "descriptionEs" TEXT,
ADD COLUMN     "titleEs" TEXT;

-- AlterTable
ALTER TABLE "Evidence" ADD COLUMN     "language" "Locale" NOT NULL DEFAULT 'en';

-- AlterTable
ALTER TABLE "Indicator" ADD COLUMN     "nameEs" TEXT,
ADD COLUMN     "unitEs" TEXT;

-- AlterTable
ALTER TABLE "Milestone" ADD COLUMN     "descriptionEs" TEXT,
ADD COLUMN     "titleEs" TEXT;

-- AlterTable
ALTER TABLE "Pillar" ADD COLUMN     "descriptionEs" TEXT,
ADD COLUMN     "nameEs" TEXT;

-- AlterTable
ALTER TABLE "StatusUpdate" ADD COLUMN     "noteLanguage" "Locale" NOT NULL DEFAULT 'en';

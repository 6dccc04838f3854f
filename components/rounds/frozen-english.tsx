import { useLocale } from "next-intl";
import type { ReactNode } from "react";
import { LanguageMark } from "@/components/plan-text";

/**
 * A text of a frozen round report. The report was frozen in English when its
 * round closed and is never recomputed, so on a page in another language the
 * text is set in English and marked "(in English)".
 */
export function FrozenEnglish({ children }: { children: ReactNode }) {
  const marked = useLocale() !== "en";
  return (
    <>
      <span lang="en">{children}</span>
      {marked && (
        <>
          {" "}
          <LanguageMark lang="en" />
        </>
      )}
    </>
  );
}

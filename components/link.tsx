import NextLink from "next/link";
import type { ComponentProps } from "react";

// Every link of the tracker, without Next.js's prefetch unless a link asks for
// it: pages compute their figures and lists on request, so prefetching each
// link in view made the server compute pages no one opened, and on a phone
// the answers cost the main thread time while the page was still loading
// (eight prefetches on the evidence log; Lighthouse, docs/benchmarks.md).
export function Link({ prefetch = false, ...props }: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={prefetch} {...props} />;
}

// Which addresses are pages of the public record, in one place for proxy.ts
// (which gives them a content security policy without a nonce) and
// scripts/serve.mjs (which names their inline scripts' hashes in it, and keeps
// them per plan revision): /public…, and the embeddable cards under /embed.
// The files among them (a frozen report's .json, its .pdf, the feed's .xml,
// the open data's .csv and .json) are not pages: their last part has a dot.

const publicPath = /^\/(?:public|embed)(?:\/[^.]*)?$/;

/** Whether the path (without its query) is a page of the public record. */
export function isPublicPagePath(pathname) {
  return publicPath.test(pathname);
}

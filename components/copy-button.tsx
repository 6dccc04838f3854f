import { headers } from "next/headers";

// A plain script, not a React component: public pages are kept as documents
// without Next.js's scripts (scripts/lib/public-cache.mjs), and this one,
// marked `data-page-script`, is the only script they keep. It runs as the
// page is read, right after its button.
const copyScript = `for (const button of document.querySelectorAll("button[data-copy-target]:not([data-copy-ready])")) {
  const field = document.getElementById(button.dataset.copyTarget);
  const said = button.nextElementSibling;
  button.dataset.copyReady = "";
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      said.textContent = button.dataset.copied;
    } catch {
      field.select();
      said.textContent = button.dataset.failed;
    }
  });
}`;

/** This response's nonce, read from its policy as Next.js reads it for its own scripts. */
async function scriptNonce(): Promise<string | undefined> {
  const policy = (await headers()).get("content-security-policy") ?? "";
  return /'nonce-([^']+)'/.exec(policy)?.[1];
}

/**
 * Copies the text of the field `target` to the clipboard and says so. The
 * button is hidden until its script shows it: without scripts the field
 * itself, read-only and selectable, is how to copy. A browser that refuses
 * the clipboard (no permission, not a secure page) gets the field's text
 * selected instead, and is told.
 */
export async function CopyButton({ target, label, copied, failed }: { target: string; label: string; copied: string; failed: string }) {
  const nonce = await scriptNonce();
  return (
    <div className="mt-2 flex flex-wrap items-center gap-3">
      <button
        type="button"
        hidden
        data-copy-target={target}
        data-copied={copied}
        data-failed={failed}
        className="rounded bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800"
      >
        {label}
      </button>
      <p role="status" className="text-sm" />
      <script nonce={nonce} data-page-script="" dangerouslySetInnerHTML={{ __html: copyScript }} />
    </div>
  );
}

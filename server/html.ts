import "server-only";

// Text put into HTML that the server writes by hand (emails, the unsubscribe
// page, a filter's options), where no React escapes it.

const htmlEntities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** The text with every character that means something in HTML (and in an attribute's quotes) escaped. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => htmlEntities[char]!);

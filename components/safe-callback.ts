/** Only a path on this site is followed after sign-in, never another origin. */
export function safeCallbackPath(value: string | undefined | null): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\") || value.startsWith("/signin")) {
    return "/";
  }
  return value;
}

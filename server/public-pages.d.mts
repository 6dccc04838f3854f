export function isPublicPagePath(pathname: string): boolean;

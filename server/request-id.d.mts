export function requestIdOf(header: string | string[] | null | undefined): string;

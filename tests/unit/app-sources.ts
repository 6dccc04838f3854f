import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

// The app's own source files, for the checks that read the code itself.

export const root = path.resolve(import.meta.dirname, "../..");

/** Every module under `folder` (declaration files aside), by repository path. */
export function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(relative);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [relative] : [];
  });
}

/** Every module of app/ and components/, by repository path. */
export const files = [...sourceFiles("app"), ...sourceFiles("components")];
export const source = (file: string) => readFileSync(path.join(root, file), "utf8");
export const isClient = (file: string) => /^\s*["']use client["']/.test(source(file));

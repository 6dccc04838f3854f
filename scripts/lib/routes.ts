// Every way into the app, read from the code under app/: the pages, the HTTP
// methods each route handler exports, and the server actions. The route-rules
// tests hold this list to their table of rules, so a route added without a
// rule fails them. The TypeScript compiler parses the sources, so that every
// form of export (`export const GET`, `export async function`, `export { x as
// POST }`) is read the way the compiler itself reads it.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export const projectRoot = path.resolve(import.meta.dirname, "..", "..");
const appFolder = path.join(projectRoot, "app");

const httpMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export interface DiscoveredRoutes {
  /** Page paths, route groups left out, dynamic segments kept: `/rounds/[id]`. */
  pages: string[];
  /** `METHOD /path` of every route handler: `POST /api/v1/rounds/[id]/close`. */
  api: string[];
  /** `app/actions/rounds.ts#openRoundAction` for every exported function of a "use server" file. */
  actions: string[];
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: "utf8" })
    .map((file) => path.join(folder, file))
    .sort();
}

/** The address of a page.tsx or route.ts: route groups `(app)` add nothing to it. */
function addressOf(file: string): string {
  const segments = path.relative(appFolder, path.dirname(file)).split(path.sep).filter((segment) => segment !== "" && !/^\(.+\)$/.test(segment));
  return `/${segments.join("/")}`;
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
}

const isExported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);

/**
 * The names a module exports as values. A "use server" file may export async
 * functions only (Next.js refuses anything else), so its names are its actions.
 */
function exportedNames(source: ts.SourceFile): string[] {
  const found: string[] = [];
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name && isExported(statement)) found.push(statement.name.text);
    else if (ts.isVariableStatement(statement) && isExported(statement)) {
      for (const declaration of statement.declarationList.declarations) if (ts.isIdentifier(declaration.name)) found.push(declaration.name.text);
    } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) if (!element.isTypeOnly) found.push(element.name.text);
    }
  }
  return found;
}

function startsWithUseServer(source: ts.SourceFile): boolean {
  const first = source.statements[0];
  return !!first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === "use server";
}

/** Reads app/ now: every page, route handler method and server action. */
export function discoverRoutes(): DiscoveredRoutes {
  const files = filesUnder(appFolder);
  const pages = files.filter((file) => path.basename(file) === "page.tsx").map(addressOf);
  const api = files
    .filter((file) => path.basename(file) === "route.ts")
    .flatMap((file) => {
      const names = new Set(exportedNames(parse(file)));
      return httpMethods.filter((method) => names.has(method)).map((method) => `${method} ${addressOf(file)}`);
    });
  const actions = files
    .filter((file) => /\.tsx?$/.test(file))
    .flatMap((file) => {
      const source = parse(file);
      if (!startsWithUseServer(source)) return [];
      const modulePath = path.relative(projectRoot, file).split(path.sep).join("/");
      return exportedNames(source).map((name) => `${modulePath}#${name}`);
    });
  return { pages: pages.sort(), api: api.sort(), actions: actions.sort() };
}

/**
 * The source text of one server action with that of the module's own helpers
 * it calls (step, archiveOrRestore…), to see which data-access functions and
 * which form runner it reaches.
 */
export function actionSource(action: string): string {
  const [module, name] = action.split("#") as [string, string];
  const source = parse(path.join(projectRoot, module));
  const declared = new Map<string, string>();
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name) declared.set(statement.name.text, statement.getText(source));
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) declared.set(declaration.name.text, statement.getText(source));
      }
    }
  }
  if (!declared.has(name)) throw new Error(`${action} is not declared in ${module}`);
  const reached = [name];
  for (let index = 0; index < reached.length; index++) {
    const text = declared.get(reached[index]!)!;
    for (const helper of declared.keys()) if (!reached.includes(helper) && new RegExp(`\\b${helper}\\b`).test(text)) reached.push(helper);
  }
  return reached.map((helper) => declared.get(helper)).join("\n");
}

import type { IncomingMessage, ServerResponse } from "node:http";

export function policyWithHashes(policy: string, html: string): string;

export function publicPages(options: {
  readRevision: () => Promise<unknown>;
  today?: () => string;
  keep?: number;
}): (request: IncomingMessage, response: ServerResponse, render: () => unknown) => Promise<unknown>;

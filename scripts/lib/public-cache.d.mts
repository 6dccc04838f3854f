import type { IncomingMessage, ServerResponse } from "node:http";

export function publicDocument(policy: string, html: string, marker: string): { policy: string; html: string };

export function publicPages(options: {
  readRevision: () => Promise<unknown>;
  marker: string;
  today?: () => string;
  keep?: number;
}): (request: IncomingMessage, response: ServerResponse, render: () => unknown) => Promise<unknown>;

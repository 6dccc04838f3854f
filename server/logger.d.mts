import type { DestinationStream, Logger } from "pino";

export function logLevel(value?: string): string;
export function createLogger(destination?: DestinationStream): Logger;

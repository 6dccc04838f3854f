// The one configuration of the server's logs, shared by scripts/serve.mjs
// (a line per request, the server processes' own messages) and the app
// (server/log.ts): one JSON line per event on standard output, for whatever
// collects the logs; `npm start` prints them readably on a terminal.
import pino from "pino";

const levels = [...Object.keys(pino.levels.values), "silent"];

/** The level LOG_LEVEL names (info unless set); an unknown name is refused with the names it may take. */
function logLevel(value = process.env.LOG_LEVEL) {
  const level = value?.trim() || "info";
  if (!levels.includes(level)) throw new Error(`LOG_LEVEL must be one of ${levels.join(", ")}; it is "${value}".`);
  return level;
}

export function createLogger(destination) {
  return pino(
    {
      level: logLevel(),
      timestamp: pino.stdTimeFunctions.isoTime,
      // No line is meant to carry a secret: requests are logged field by field,
      // never their headers or body. Should an object with one reach a line
      // all the same, its value is hidden.
      redact: {
        paths: ["password", "*.password", "token", "*.token", "cookie", "*.cookie", "authorization", "*.authorization", "headers", "*.headers"],
        censor: "[hidden]",
      },
    },
    destination,
  );
}

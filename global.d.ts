import type en from "./messages/en.json";
import type { AppLocale } from "./i18n/locales";

declare module "next-intl" {
  interface AppConfig {
    Messages: typeof en;
    Locale: AppLocale;
  }
}

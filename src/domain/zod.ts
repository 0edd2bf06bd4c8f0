// Apps Script forbids code generation, so zod must never compile validators with `new Function`.
// Every module imports z from here so the setting is applied before any schema is built.
import * as z from "zod";

z.config({ jitless: true });

export { z };

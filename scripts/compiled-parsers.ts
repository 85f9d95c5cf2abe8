/**
 * Prints, as JSON, the code zod generates when it compiles the request schemas that every quote is validated
 * with: one entry per function zod would build with `new Function` (the schema's parser, its validator and the
 * parsers of its parts), in the order it builds them, each with its parameter names and its body. Run by
 * scripts/build-parsers.mjs, which writes them into src/api/openapi/parsers.generated.ts: Workers forbid
 * `new Function`, so the Worker installs these ahead-of-time copies instead (src/api/openapi/compiled.ts).
 */
import { z } from 'zod';
import { QuoteRequest } from '../src/api/openapi/quote-schemas';

const built: Array<{ parameters: string[]; body: string }> = [];
const evaluate = globalThis.Function;
// A named function expression, not an arrow: zod calls it with `new`.
globalThis.Function = function recorded(...args: string[]) {
  built.push({ parameters: args.slice(0, -1), body: args[args.length - 1] ?? '' });
  return evaluate(...args);
} as FunctionConstructor;
try {
  z.compile(QuoteRequest, { strict: true });
} finally {
  globalThis.Function = evaluate;
}
process.stdout.write(JSON.stringify(built));

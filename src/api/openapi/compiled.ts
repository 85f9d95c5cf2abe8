/**
 * zod's compiled fast path for a request schema, in a runtime that forbids `new Function`.
 *
 * `z.compile` generates a parser for a schema (a straight-line function instead of zod's walk of the schema,
 * several times faster) and builds it with `new Function`, which Workers refuse. scripts/build-parsers.mjs
 * runs the same compilation in Node and writes every function it builds into parsers.generated.ts. Here
 * `z.compile` runs again with those copies standing in for `new Function`, each found by the SHA-256 of the
 * parameters and code zod asks for, so zod still supplies the constants (refinements, enum sets, regular
 * expressions) the code closes over. Code without a copy (a schema changed since the build) fails the compile,
 * and the schema keeps zod's runtime parser: slower, never wrong. An input the fast path rejects is parsed again
 * by the runtime parser, so every issue reads as before.
 */
import { z } from 'zod';
import { nativeSha256Hex } from '../../lib/native-sha256';

type Factory = (...constants: unknown[]) => unknown;
type Run = z.ZodType['_zod']['run'];

const compiled = new WeakSet<z.ZodType>();
const armed = new WeakSet<z.ZodType>();
/** True while zod compiles: a parse of an armed schema meanwhile takes the runtime parser. */
let compiling = false;

/** The schema compiled with the ahead-of-time copies, or undefined when one is missing. */
function compiledWith(schema: z.ZodType, copies: Readonly<Record<string, Factory>>): z.ZodType | undefined {
  const evaluate = globalThis.Function;
  // A named function expression, not an arrow: zod calls it with `new`.
  globalThis.Function = function prebuilt(...args: string[]) {
    const body = args.pop() ?? '';
    const copy = copies[nativeSha256Hex(`${args.join(',')}\n${body}`)];
    if (!copy) throw new EvalError('no ahead-of-time copy of this code');
    return copy;
  } as unknown as FunctionConstructor;
  compiling = true;
  try {
    return z.compile(schema, { strict: true });
  } catch {
    return undefined;
  } finally {
    compiling = false;
    globalThis.Function = evaluate;
  }
}

/**
 * Compiles `schema` now and installs the fast path into the schema itself, as zod's own global compile mode
 * does, so that every use of it (routes, nested schemas, the OpenAPI document) keeps the same instance.
 * @returns whether the fast path is installed (false: the schema keeps the runtime parser)
 */
export function installCompiledParser(schema: z.ZodType, copies: Readonly<Record<string, Factory>>): boolean {
  if (compiled.has(schema)) return true;
  const result = compiledWith(schema, copies);
  if (!result) return false;
  schema._zod.run = result._zod.run;
  schema._zod.bag.fallbackRun = result._zod.bag.fallbackRun;
  schema._zod.bag.validator = result._zod.bag.validator;
  compiled.add(schema);
  return true;
}

/**
 * The same on the schema's first parse. Generating the code costs about 25 ms of CPU, which a Worker would
 * otherwise spend at every start, health checks included; this way only the first quote request pays it.
 */
export function compileOnFirstParse(schema: z.ZodType, copies: Readonly<Record<string, Factory>>): void {
  if (armed.has(schema) || compiled.has(schema)) return;
  armed.add(schema);
  const runtime = schema._zod.run;
  const first: Run & { __originalRun?: Run } = (payload, ctx) => {
    if (compiling) return runtime(payload, ctx);
    if (schema._zod.run === first && !installCompiledParser(schema, copies)) schema._zod.run = runtime;
    return schema._zod.run(payload, ctx);
  };
  // What zod's compile unwraps to as the runtime parser it falls back on (its own global mode marks it the same way).
  first.__originalRun = runtime;
  schema._zod.run = first;
}

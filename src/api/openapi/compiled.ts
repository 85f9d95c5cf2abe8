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
import { sha256Hex } from '../../lib/sha256';

type Factory = (...constants: unknown[]) => unknown;

const installed = new WeakSet<z.ZodType>();

/** The schema compiled with the ahead-of-time copies, or undefined when one is missing. */
function compiledWith(schema: z.ZodType, copies: Readonly<Record<string, Factory>>): z.ZodType | undefined {
  const evaluate = globalThis.Function;
  // A named function expression, not an arrow: zod calls it with `new`.
  globalThis.Function = function prebuilt(...args: string[]) {
    const body = args.pop() ?? '';
    const copy = copies[sha256Hex(`${args.join(',')}\n${body}`)];
    if (!copy) throw new EvalError('no ahead-of-time copy of this code');
    return copy;
  } as unknown as FunctionConstructor;
  try {
    return z.compile(schema, { strict: true });
  } catch {
    return undefined;
  } finally {
    globalThis.Function = evaluate;
  }
}

/**
 * Installs the compiled fast path into `schema` itself, as zod's own global compile mode does, so that every
 * use of the schema (routes, nested schemas, the OpenAPI document) keeps the same instance.
 * @returns whether the fast path is installed (false: the schema keeps the runtime parser)
 */
export function installCompiledParser(schema: z.ZodType, copies: Readonly<Record<string, Factory>>): boolean {
  if (installed.has(schema)) return true;
  const compiled = compiledWith(schema, copies);
  if (!compiled) return false;
  schema._zod.run = compiled._zod.run;
  schema._zod.bag.fallbackRun = compiled._zod.bag.fallbackRun;
  schema._zod.bag.validator = compiled._zod.bag.validator;
  installed.add(schema);
  return true;
}

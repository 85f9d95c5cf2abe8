// Values provided to tests by vitest.config.ts.
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    fcSeed: number;
  }
}

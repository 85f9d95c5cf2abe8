import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

// Every test runs inside workerd, with the Worker of wrangler.toml as `main`.
export default defineConfig({
  plugins: [
    cloudflareTest({
      main: './src/index.ts',
      wrangler: { configPath: './wrangler.toml' },
    }),
  ],
  test: {
    include: ['tests/**/*.test.ts'],
    // One fast-check seed per run, printed by the property tests; set FC_SEED to replay.
    provide: { fcSeed: Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31)) },
  },
});

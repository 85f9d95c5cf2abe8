// Tells the Workers types what the main module exports (for `exports` in tests).
declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import('./index');
  }
}

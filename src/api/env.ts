/** Bindings and per-request variables of the Worker. */
export interface Bindings {
  ENVIRONMENT?: string;
  /** Comma-separated origins that may call the API from a browser and frame /embed (see origins.ts). */
  ALLOWED_ORIGINS?: string;
}

export interface Variables {
  requestId: string;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: Variables;
}

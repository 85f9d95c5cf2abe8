/** Bindings and per-request variables of the Worker. */
export interface Bindings {
  ENVIRONMENT?: string;
}

export interface Variables {
  requestId: string;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: Variables;
}

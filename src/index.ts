/** The Worker entry point. */
import { createApp } from './api/app';

const app = createApp();

export default app;

/** Where the browser-mode server of the writing-studio flows listens (`src/main/web.ts`, as `npm run web`). */
export const E2E_PORT = 5199;

/** The browser mode with fake Ollama / OpenAI / Anthropic servers (`scripts/web-fake-ai.ts`), for the AI flows. */
export const E2E_AI_PORT = 5197;
/** Its control port: POST /reply, /fail, /stop, /start (see scripts/web-fake-ai.ts). */
export const E2E_AI_CONTROL_PORT = 5196;

/** A fixed launch token (NOVA_WEB_TOKEN) so tests can open the app; not a secret. */
export const E2E_TOKEN = 'e2e-token-not-secret-0123456789';

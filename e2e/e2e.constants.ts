/**
 * Ports of the e2e servers. NOVA_E2E_PORT_BASE moves all of them (default 5196), so two
 * checkouts can run their flows side by side on one machine.
 */
const portBase = Number(process.env.NOVA_E2E_PORT_BASE ?? 5196);

/** Where the browser-mode server of the writing-studio flows listens (`src/main/web.ts`, as `npm run web`). */
export const E2E_PORT = portBase + 3;

/** The browser mode with fake Ollama / OpenAI / Anthropic servers (`scripts/web-fake-ai.ts`), for the AI flows. */
export const E2E_AI_PORT = portBase + 1;
/** Its control port: POST /reply, /fail, /stop, /start (see scripts/web-fake-ai.ts). */
export const E2E_AI_CONTROL_PORT = portBase;

/** A browser mode a flow starts and restarts itself (e.g. to play an app update), on its own data folder. */
export const E2E_RESTART_PORT = portBase + 5;

/** A second such browser mode, for flows with two devices (sync). */
export const E2E_SECOND_APP_PORT = portBase + 6;

/** The cloud endpoint a sync flow starts itself (`src/cloud/main.ts`, as `npm run cloud`). */
export const E2E_CLOUD_PORT = portBase + 7;

/** A fixed launch token (NOVA_WEB_TOKEN) so tests can open the app; not a secret. */
export const E2E_TOKEN = 'e2e-token-not-secret-0123456789';

/** Where the browser-mode server of the end-to-end run listens, and the token it accepts. */
export const E2E_PORT = 5199;

/** A fixed launch token (NOVA_WEB_TOKEN) so tests can open the app; not a secret. */
export const E2E_TOKEN = 'e2e-token-not-secret-0123456789';

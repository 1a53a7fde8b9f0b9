/**
 * The key that seals the bot's approval ledger, derived from the webhook secret — the one secret every bot
 * deployment has (Probot refuses unsigned deliveries with it): HMAC-SHA256 of a fixed label under that secret.
 * The bot computes it with Probot's own signer, so the secret itself never leaves Probot.
 */
import { createHmac } from 'node:crypto';

const LABEL = 'contractguard approval ledger v1';

/** The secret Probot uses when none is configured: public, so it seals nothing. */
const PROBOT_DEFAULT_SECRET = 'development';

/** The ledger key for a webhook secret (what `ledgerKey` computes through a signer). */
export function ledgerKeyFromSecret(secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(LABEL).digest('hex')}`;
}

/** The ledger key, from a webhook signer (`probot.webhooks.sign`); undefined under Probot's default secret. */
export async function ledgerKey(sign: (payload: string) => Promise<string>): Promise<string | undefined> {
  const key = await sign(LABEL);
  return key === ledgerKeyFromSecret(PROBOT_DEFAULT_SECRET) ? undefined : key;
}

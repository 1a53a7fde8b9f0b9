/** The bot's settings for one delivery, read by Probot from the default branch and checked by the core. */
import type { Context } from 'probot';
import { type BotConfig, CONFIG_FILE, DEFAULT_CONFIG, parseConfig } from '../src/github/config.js';

export async function loadConfig(context: Context): Promise<BotConfig> {
  return parseConfig(await context.config<Partial<BotConfig>>(CONFIG_FILE, { ...DEFAULT_CONFIG }));
}

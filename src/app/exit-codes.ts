/** The process's exit codes (docs/deploy-guide.md, "Start-up checks and exit codes"): a supervisor can tell a setting to fix from a crash to restart. */

/** Stopped on SIGTERM/SIGINT after a clean shutdown. */
export const EXIT_OK = 0;
/** Failed at start for a reason a restart may cure (port in use, Slack unreachable), or an unexpected error later. */
export const EXIT_FAILURE = 1;
/** A setting was refused (invalid environment, SLACK_BOT_TOKEN or REDIS_URL credentials refused): restarting will not help. */
export const EXIT_CONFIG_REFUSED = 2;

/**
 * The `.env` file `npm start` and the CLI read before the settings (12-factor: the process environment still
 * wins, so a deploy's real variables are never overridden by a file left on disk). Values are parsed by Node's own
 * parser (util.parseEnv, Node >= 20.12); this file adds what that parser lacks: a line it cannot read is an error
 * naming the file and the line, instead of being skipped or glued to the next one. No message carries a value.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';

/** MODELSYNC_ENV_FILE: which file to read (default `.env` in the working directory); `off` reads none. */
export const ENV_FILE_SETTING = 'MODELSYNC_ENV_FILE';
const DEFAULT_ENV_FILE = '.env';

/** A line of the env file that is not `NAME=value`, a comment or blank. */
export class EnvFileError extends Error {
  constructor(
    readonly file: string,
    /** 1-based; undefined when the problem is the file itself. */
    readonly line: number | undefined,
    problem: string,
  ) {
    super(line === undefined ? `${file}: ${problem}` : `${file} line ${line}: ${problem}. Lines are NAME=value, # comments or blank (see .env.example).`);
    this.name = 'EnvFileError';
  }
}

const ASSIGNMENT = /^(?:export\s+)?(.*?)\s*=(.*)$/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const QUOTES = ['"', "'", '`'];

/**
 * One `NAME=value` entry: its value text may span lines when a quote opened on its first line closes later
 * (Node's parser allows that). Returns the entry's last line index.
 */
function entryEnd(lines: readonly string[], start: number, valueText: string, file: string): number {
  const value = valueText.trimStart();
  const quote = QUOTES.find((q) => value.startsWith(q));
  if (!quote) return start;
  let rest = value.slice(1);
  let at = start;
  for (;;) {
    const close = rest.indexOf(quote);
    if (close >= 0) {
      const after = rest.slice(close + 1).trim();
      if (after !== '' && !after.startsWith('#')) {
        throw new EnvFileError(file, at + 1, `text follows the closing ${quote} (quote the whole value; a ${quote} inside it cannot be escaped)`);
      }
      return at;
    }
    at += 1;
    if (at >= lines.length) throw new EnvFileError(file, start + 1, `the ${quote} that opens the value is never closed`);
    rest = lines[at] as string;
  }
}

/** Parses env-file text strictly; `file` only names the file in errors. */
export function parseEnvFile(text: string, file: string): Record<string, string> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const out: Record<string, string> = {};
  for (let i = 0; i < lines.length; i += 1) {
    const line = (lines[i] as string).trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = ASSIGNMENT.exec(line);
    if (!m) throw new EnvFileError(file, i + 1, 'there is no = sign (write NAME=value)');
    const [, name = '', valueText = ''] = m;
    if (!NAME.test(name)) {
      throw new EnvFileError(file, i + 1, 'the name before = must be letters, digits and _ (not starting with a digit), e.g. SLACK_BOT_TOKEN');
    }
    const end = entryEnd(lines, i, valueText, file);
    // Node's parser on the entry alone, rebuilt as NAME=value so `export` and spacing cannot change the name.
    const entry = [`${name}=${valueText}`, ...lines.slice(i + 1, end + 1)].join('\n');
    out[name] = parseEnv(entry)[name] ?? '';
    i = end;
  }
  return out;
}

/** What loading found: the environment to read settings from, and the file it came from (if any). */
export interface LoadedEnv {
  readonly env: NodeJS.ProcessEnv;
  /** The file read, or undefined when there was none (or MODELSYNC_ENV_FILE=off). */
  readonly file?: string;
}

/**
 * The process environment over the env file: a variable set in the process (even to an empty string) wins.
 * A missing default `.env` is fine; a missing file named by MODELSYNC_ENV_FILE is an error.
 */
export function withEnvFile(env: NodeJS.ProcessEnv, cwd: string): LoadedEnv {
  const setting = env[ENV_FILE_SETTING]?.trim();
  if (setting?.toLowerCase() === 'off') return { env };
  const file = path.resolve(cwd, setting || DEFAULT_ENV_FILE);
  if (!existsSync(file)) {
    if (setting) throw new EnvFileError(file, undefined, `no such file (named by ${ENV_FILE_SETTING}; write ${ENV_FILE_SETTING}=off to read none)`);
    return { env };
  }
  const fromFile = parseEnvFile(readFileSync(file, 'utf8'), file);
  const merged: NodeJS.ProcessEnv = { ...fromFile };
  for (const [k, v] of Object.entries(env)) if (v !== undefined) merged[k] = v;
  return { env: merged, file };
}

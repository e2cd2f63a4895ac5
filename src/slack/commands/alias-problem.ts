import { MAX_ALIAS_CHARS } from '../../core/commands/alias-name';
import type { AliasNameProblem } from '../../core/outcomes/refusal';

/** Why a name cannot be an alias, as a sentence (plain: the renderers escape it). */
export function aliasProblemText(alias: string, problem: AliasNameProblem): string {
  switch (problem) {
    case 'empty':
      return 'An alias name cannot be empty.';
    case 'characters':
      return `\`${alias}\` is not a valid alias: use only letters, digits, underscores (_) and dashes (-).`;
    case 'too_long':
      return `An alias name can have at most ${MAX_ALIAS_CHARS} characters.`;
    case 'reserved_latest':
      return '`latest` is reserved by MLflow (models:/name@latest means the newest version); choose another alias.';
    case 'reserved_version':
      return `\`${alias}\` is reserved by MLflow for version references (models:/name@v3); choose another alias.`;
  }
}

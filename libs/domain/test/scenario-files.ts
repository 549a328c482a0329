import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../../..');
/** The shared scenarios beside the repository first, then libs/domain's own. */
const scenarioDirs = [join(root, '../shared/scenarios'), join(root, 'libs/domain/scenarios')];

/** A scenario in YAML or JSON; its .expected.json is what simulating it gives, not a scenario. */
export const isScenarioFile = (name: string): boolean => /\.(ya?ml|json)$/.test(name) && !name.endsWith('.expected.json');

/** The hand-worked scenario files the specs run, as paths: folder by folder, each folder as it lists. */
export function scenarioFiles(isScenario: (name: string) => boolean = isScenarioFile): string[] {
  return scenarioDirs.flatMap((dir) =>
    readdirSync(dir)
      .filter(isScenario)
      .map((name) => join(dir, name)),
  );
}

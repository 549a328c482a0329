import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DynamicModule, Logger, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';

export const CONSOLE_PATH = '/console';

/** The built console (npm run console:build): CONSOLE_DIST_DIR, else apps/console/dist beside the sources or the working directory. */
export function consoleDistDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [env.CONSOLE_DIST_DIR, resolve(__dirname, '../../../console/dist'), join(process.cwd(), 'apps/console/dist')];
  return candidates.find((dir): dir is string => dir !== undefined && dir !== '' && existsSync(join(dir, 'index.html')));
}

/**
 * Serves the supervision console's static files under /console (deep links answer index.html, the browser routes).
 * Plain middleware outside Nest's router, so the bearer guard does not apply: the pages hold no data, every
 * figure is fetched from /api/v1 with the user's token.
 */
@Module({})
export class ConsoleStaticModule {
  static forRoot(): DynamicModule {
    const rootPath = consoleDistDir();
    if (rootPath === undefined) {
      Logger.warn('the console is not built (npm run console:build); /console is not served', 'ConsoleStaticModule');
      return { module: ConsoleStaticModule };
    }
    return { module: ConsoleStaticModule, imports: [ServeStaticModule.forRoot({ rootPath, serveRoot: CONSOLE_PATH })] };
  }
}

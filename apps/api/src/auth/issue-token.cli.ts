// `npm run token -- --role department --scope cg [--subject alice] [--expires 3600]` prints a bearer token.
import { parseArgs } from 'node:util';
import { loadEngineConfig } from '@app/config';
import { ROLES, Role } from './actor';
import { issueToken } from './issue-token';

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    scope: { type: 'string' },
    subject: { type: 'string' },
    expires: { type: 'string' },
  },
});

if (!values.role || !(ROLES as readonly string[]).includes(values.role)) {
  process.stderr.write(`--role must be one of ${ROLES.join(', ')}\n`);
  process.exit(2);
}
try {
  const token = issueToken(loadEngineConfig().JWT_SECRET, {
    role: values.role as Role,
    scope: values.scope,
    subject: values.subject,
    expiresInSeconds: values.expires ? Number(values.expires) : undefined,
  });
  process.stdout.write(`${token}\n`);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
}

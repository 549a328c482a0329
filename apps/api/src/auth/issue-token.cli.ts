// `npm run token -- --role department --scope cg [--subject alice] [--expires 3600]` prints a local (HS256) bearer token.
import { parseArgs } from 'node:util';
import { ROLES, Role } from './actor';
import { loadIdentitySettings } from './identity-settings';
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
  const identity = loadIdentitySettings();
  if (!identity.localTokens) throw new Error('local tokens are disabled (NODE_ENV=production without LOCAL_TOKENS=enabled): sign in through the identity provider');
  const token = issueToken(identity.JWT_SECRET, {
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

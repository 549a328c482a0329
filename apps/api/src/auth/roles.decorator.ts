import { SetMetadata } from '@nestjs/common';
import { Role } from './actor';

export const ROLES_KEY = 'whistle:roles';
export const PUBLIC_KEY = 'whistle:public';

/** The roles allowed on a route; every route names them (the guard refuses a route that does not). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** A route without a token (health). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

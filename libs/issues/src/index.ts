export * from './event-envelope';
export * from './reference-data';
export * from './issue-command.service';
export * from './stream-ids';
export * from './decide-and-append';
export * from './accountability-commands';
export * from './category-streams';

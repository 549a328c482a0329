export * from './department-topic';
export * from './department-messages';
export * from './kafka-department.publisher';
export * from './department-task.consumer';
export * from './log-follower';
export * from './kafka-circular.publisher';

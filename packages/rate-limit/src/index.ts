export * from './rate-limits';
export * from './rate-limit-env';
export * from './redis';
export * from './client-ip';

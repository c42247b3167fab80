export * from './infra';
export * from './names';
export * from './postgres';
export * from './eventually';
export * from './seeds';
export * from './kafka';

export * from './stack';
export * from './service-process';
export * from './postgres';
export * from './redis';
export * from './kafka';
export * from './tcp-proxy';
export * from './processes';

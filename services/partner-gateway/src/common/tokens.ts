/** DI token of the parsed GatewayConfig. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
/** DI token of the gateway's ioredis client. */
export const GATEWAY_REDIS = Symbol('GATEWAY_REDIS');

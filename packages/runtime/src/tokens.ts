/** DI tokens of the runtime, apart from the module so that its controllers can inject them without an import cycle. */
export const RUNTIME_LOGGER = Symbol('RUNTIME_LOGGER');
export const RUNTIME_KAFKA = Symbol('RUNTIME_KAFKA');
export const RUNTIME_OPTIONS = Symbol('RUNTIME_OPTIONS');

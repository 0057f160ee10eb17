export * from './channel.schema';
export * from './contract';
export * from './errors';
export * from './events';
export * from './location.schema';
export * from './order-lifecycle';
export * from './order.schema';
export * from './sourcing-ops.contract';

import { DynamicModule, Global, Module } from '@nestjs/common';
import type { GatewayConfig } from '../config';
import { GatewayMetrics } from './gateway-metrics.service';
import { GATEWAY_CONFIG } from './tokens';

/** The parsed config and the gateway's metrics, for every slice. */
@Global()
@Module({})
export class CommonModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: CommonModule,
      providers: [{ provide: GATEWAY_CONFIG, useValue: config }, GatewayMetrics],
      exports: [GATEWAY_CONFIG, GatewayMetrics],
    };
  }
}

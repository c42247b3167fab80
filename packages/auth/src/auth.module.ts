import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AUTH_OPTIONS, AuthGuard, type AuthGuardOptions } from './auth.guard';
import { TokenVerifier, type AuthConfig } from './token-verifier';

/** Registers the verifier and the global guard for a service. */
@Global()
@Module({})
export class AuthModule {
  static forRoot(config: AuthConfig, options: AuthGuardOptions = {}): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        { provide: TokenVerifier, useValue: new TokenVerifier(config) },
        { provide: AUTH_OPTIONS, useValue: options },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [TokenVerifier],
    };
  }
}

import { type DynamicModule, Module } from '@nestjs/common';
import type { CatalogueSettings } from './catalogue.config';

/** Injection token of the catalogue's own {@link CatalogueSettings}. */
export const CATALOGUE_SETTINGS = Symbol('CATALOGUE_SETTINGS');

/** Gives every catalogue module the validated catalogue settings. */
@Module({})
export class CatalogueSettingsModule {
  static register(settings: CatalogueSettings): DynamicModule {
    return {
      module: CatalogueSettingsModule,
      global: true,
      providers: [{ provide: CATALOGUE_SETTINGS, useValue: settings }],
      exports: [CATALOGUE_SETTINGS],
    };
  }
}

import { ConfigurableModuleBuilder } from "@nestjs/common";
import type { PageSenseModuleOptions } from "./options";

/** Options token and generated `forRoot`/`forRootAsync` of {@link PageSenseModule}. */
export const {
  ConfigurableModuleClass: PageSenseConfigurableModule,
  MODULE_OPTIONS_TOKEN: PAGESENSE_MODULE_OPTIONS,
  OPTIONS_TYPE: PAGESENSE_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: PAGESENSE_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<PageSenseModuleOptions>({ moduleName: "PageSense" })
  .setClassMethodName("forRoot")
  .setExtras({ isGlobal: true }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
  }))
  .build();

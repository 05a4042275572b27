import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { MODULE_METADATA } from '@nestjs/common/constants';
import { AppModule, GATEWAY_FEATURE_MODULES } from './app.module';
import { SessionsModule } from './auth/sessions.module';
import { GatewayCoreModule } from './gateway-core.module';
import { loadGatewayConfig } from './gateway.config';

type ModuleClass = (typeof GATEWAY_FEATURE_MODULES)[number] | typeof SessionsModule;

/** The feature modules and the sessions module they share. */
const GATEWAY_MODULES: readonly ModuleClass[] = [...GATEWAY_FEATURE_MODULES, SessionsModule];
type Named = { readonly name: string };

function metadataOf(module: ModuleClass, key: string): Named[] {
  return (Reflect.getMetadata(key, module) as Named[] | undefined) ?? [];
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(directory, entry.name)) : entry.name.endsWith('.ts') && !entry.name.includes('spec') ? [join(directory, entry.name)] : [],
  );
}

/** Every `@Controller` class and every `@Injectable` the gateway's own code declares, by class name and folder. */
function declaredClasses(decorator: 'Controller' | 'Injectable'): Array<{ name: string; folder: string }> {
  return sourceFiles(__dirname).flatMap((file) => {
    const found = new RegExp(`@${decorator}\\([\\s\\S]*?export class (\\w+)`, 'g');
    return [...readFileSync(file, 'utf8').matchAll(found)].map((match) => ({ name: match[1], folder: relative(__dirname, file).split('/')[0] }));
  });
}

function folderOf(module: ModuleClass): string {
  return GATEWAY_MODULE_FOLDERS[module.name];
}

const GATEWAY_MODULE_FOLDERS: Record<string, string> = {
  SessionsModule: 'auth', AuthModule: 'auth', StaffModule: 'staff', RoutingModule: 'routing', LiveModule: 'live', AgentModule: 'agent',
  VoiceModule: 'voice', ShopModule: 'shop', AdminModule: 'admin', PaymentsModule: 'payments',
};

describe('the gateway in feature modules', () => {
  it('has a root module that only imports: the service kit, the core and the feature modules', () => {
    const root = AppModule.register(loadGatewayConfig({}));
    expect({ controllers: root.controllers ?? [], providers: root.providers ?? [] }).toEqual({ controllers: [], providers: [] });
    expect(root.imports).toEqual(expect.arrayContaining([...GATEWAY_FEATURE_MODULES]));
    expect(root.imports?.some((entry) => 'module' in entry && entry.module === GatewayCoreModule)).toBe(true);
  });

  it('declares every controller in exactly one feature module, the one of its folder', () => {
    const declaredIn = GATEWAY_MODULES.flatMap((module) => metadataOf(module, MODULE_METADATA.CONTROLLERS).map((controller) => `${controller.name}@${folderOf(module)}`));
    const written = declaredClasses('Controller').map(({ name, folder }) => `${name}@${folder}`);
    expect(declaredIn.sort()).toEqual(written.sort());
  });

  it('provides every service once, in the module of its folder or the core', () => {
    const core = GatewayCoreModule.register(loadGatewayConfig({}));
    const coreProviders = (core.providers ?? []).filter((provider): provider is typeof provider & Named => typeof provider === 'function').map((provider) => `${provider.name}@shared`);
    const providedIn = GATEWAY_MODULES.flatMap((module) => metadataOf(module, MODULE_METADATA.PROVIDERS).map((provider) => `${provider.name}@${folderOf(module)}`));
    const written = declaredClasses('Injectable').map(({ name, folder }) => `${name}@${folder}`);
    expect([...coreProviders, ...providedIn].sort()).toEqual(written.sort());
  });

  it('imports feature modules without a cycle', () => {
    const visiting = new Set<string>();
    const done = new Set<string>();
    const cycles: string[] = [];
    const visit = (module: ModuleClass, path: string[]): void => {
      if (done.has(module.name)) return;
      if (visiting.has(module.name)) {
        cycles.push([...path, module.name].join(' → '));
        return;
      }
      visiting.add(module.name);
      for (const imported of metadataOf(module, MODULE_METADATA.IMPORTS) as unknown as ModuleClass[]) visit(imported, [...path, module.name]);
      visiting.delete(module.name);
      done.add(module.name);
    };
    for (const module of GATEWAY_MODULES) visit(module, []);
    expect(cycles).toEqual([]);
  });
});

import { PluginMissingError } from './errors';

const loaded = new Set<string>();

/**
 * Loads (imports, so they register) the plugin packages a sweep names,
 * resolved from the working directory. A plugin that cannot be resolved or
 * loaded is a `PluginMissingError` naming `where` (the sweep, or a worker's
 * `host:pid`) and the reason.
 */
export function loadPlugins(plugins: readonly string[], where: string): void {
  for (const plugin of plugins) {
    if (loaded.has(plugin)) continue;
    try {
      require(require.resolve(plugin, { paths: [process.cwd()] }));
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
      throw new PluginMissingError(plugin, where, reason);
    }
    loaded.add(plugin);
  }
}

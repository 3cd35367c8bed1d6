/** A setting in the environment is wrong: the process refuses to start and says which one. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

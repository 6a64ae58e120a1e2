/**
 * The modules registered on this Balai, as the kota module needs them: names
 * for the optional-module switches and the petugas dinas module picker.
 *
 * The list lives in src/modules/index.ts, which itself imports this module, so
 * it is read lazily (a dynamic import at request time, when every module has
 * long been evaluated) instead of through a static import that would be an
 * import cycle. Services never call this: they take the catalogue as a
 * parameter, which keeps them testable with any list.
 */
export interface ModuleInfo {
  name: string;
  /** Message key of the display name. */
  label: string;
  optional: boolean;
}

export type ModuleCatalogue = () => Promise<readonly ModuleInfo[]>;

export const registeredModules: ModuleCatalogue = async () => {
  const { modules } = await import('../index.ts');
  return modules.map(({ name, label, optional }) => ({ name, label, optional }));
};

/** The part of `validate-npm-package-name` (which ships no types) that tsnets uses. */
declare module 'validate-npm-package-name' {
  interface Validity {
    validForNewPackages: boolean;
    validForOldPackages: boolean;
    errors?: string[];
    warnings?: string[];
  }
  function validate(name: string): Validity;
  export = validate;
}

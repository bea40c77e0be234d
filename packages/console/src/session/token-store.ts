const KEY = "nsc.console.token";

/**
 * Where the signed-in API token lives: this tab's `sessionStorage` only, so closing the tab forgets it and
 * it never reaches disk as a long-lived credential.
 */
export const tokenStore = {
  read(): string | undefined {
    return sessionStorage.getItem(KEY) ?? undefined;
  },
  save(token: string): void {
    sessionStorage.setItem(KEY, token);
  },
  forget(): void {
    sessionStorage.removeItem(KEY);
  },
};

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False on the server and during hydration, true once React owns the page. Controls stay disabled
 * until then: a click before hydration would do nothing (or submit the form natively), and React
 * resets a <select> chosen before hydration to its default.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(subscribe, () => true, () => false);
}

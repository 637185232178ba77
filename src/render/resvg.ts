import type * as ResvgJs from "@resvg/resvg-js";

let loaded: typeof ResvgJs.Resvg | undefined;

/**
 * resvg's renderer class, loaded on first use. Loading its native binding asks Node's diagnostic
 * report whether the C library is musl, ~60 ms of CPU that a restart paid before its first page
 * although no page needs resvg until a certificate is painted (docs/decisions/0020).
 */
export function resvg(): typeof ResvgJs.Resvg {
  loaded ??= (require("@resvg/resvg-js") as typeof ResvgJs).Resvg;
  return loaded;
}

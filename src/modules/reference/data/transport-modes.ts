/**
 * Means of transport as written in `transport.mode` and printed in the route line.
 *
 * Source: REFERENCE.md §0.6 — mode words in use on certificates (BY SEA / BY VESSEL, BY AIR,
 * BY TRUCK, BY TRAIN / BY RAIL, BY POST (unverified)) and China customs transport-mode codes
 * (2 waterway, 3 rail, 4 road, 5 air, 6 post) [S35][S36][S38]. Multimodal routes are written by legs
 * in `transport.routeText`.
 */
export type TransportMode = {
  code: string;
  nameZh: string;
  /** Words printed after the route, e.g. "BY SEA". */
  print: string;
  /** Other values accepted in `transport.mode`. */
  aliases: readonly string[];
  /** China customs transport-mode code (运输方式). */
  customs: string;
  unverified?: true;
};

export const TRANSPORT_MODES: readonly TransportMode[] = [
  { code: "SEA", nameZh: "海运", print: "BY SEA", aliases: ["VESSEL", "BY SEA", "BY VESSEL"], customs: "2" },
  { code: "AIR", nameZh: "空运", print: "BY AIR", aliases: ["BY AIR"], customs: "5" },
  { code: "ROAD", nameZh: "公路运输", print: "BY TRUCK", aliases: ["TRUCK", "BY TRUCK", "BY ROAD"], customs: "4" },
  { code: "RAIL", nameZh: "铁路运输", print: "BY RAIL", aliases: ["TRAIN", "BY TRAIN", "BY RAIL"], customs: "3" },
  { code: "POST", nameZh: "邮运", print: "BY POST", aliases: ["BY POST"], customs: "6", unverified: true },
];

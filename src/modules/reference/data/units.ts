/**
 * Quantity units.
 *
 * Source: REFERENCE.md §0.4 — China customs legal unit codes and Chinese names (sample from [S26]).
 * The English trade words printed on certificates (certificates use the normal trade unit, or gross
 * weight in kg; net weight is marked N.W. [S25]) are the usual ones and are derived, not sourced.
 */
export type Unit = {
  /** China customs legal unit code. */
  code: string;
  nameZh: string;
  /** The word printed on certificates. */
  nameEn: string;
  /** Other spellings accepted as the same unit. */
  aliases: readonly string[];
};

export const UNITS: readonly Unit[] = [
  { code: "001", nameZh: "台", nameEn: "UNITS", aliases: ["UNIT", "SETS", "SET"] },
  { code: "006", nameZh: "套", nameEn: "SETS", aliases: ["SET"] },
  { code: "007", nameZh: "个", nameEn: "PIECES", aliases: ["PIECE", "PCS", "PC"] },
  { code: "008", nameZh: "只", nameEn: "PIECES", aliases: ["PIECE", "PCS", "PC"] },
  { code: "011", nameZh: "件", nameEn: "PIECES", aliases: ["PIECE", "PCS", "PC"] },
  { code: "012", nameZh: "支", nameEn: "PIECES", aliases: ["PIECE", "PCS", "PC"] },
  { code: "015", nameZh: "条", nameEn: "PIECES", aliases: ["PIECE", "PCS", "PC"] },
  { code: "020", nameZh: "片", nameEn: "PIECES", aliases: ["PIECE", "PCS", "SHEETS"] },
  { code: "025", nameZh: "双", nameEn: "PAIRS", aliases: ["PAIR", "PRS"] },
  { code: "030", nameZh: "米", nameEn: "METRES", aliases: ["METERS", "M", "MTRS"] },
  { code: "032", nameZh: "平方米", nameEn: "SQUARE METRES", aliases: ["SQM", "M2", "SQUARE METERS"] },
  { code: "033", nameZh: "立方米", nameEn: "CUBIC METRES", aliases: ["CBM", "M3", "CUBIC METERS"] },
  { code: "035", nameZh: "千克", nameEn: "KGS", aliases: ["KG", "KILOGRAMS"] },
  { code: "036", nameZh: "克", nameEn: "GRAMS", aliases: ["G", "GRAM"] },
  { code: "070", nameZh: "吨", nameEn: "TONNES", aliases: ["MT", "TONS", "TONNE"] },
  { code: "095", nameZh: "升", nameEn: "LITRES", aliases: ["LITERS", "L", "LTRS"] },
  { code: "096", nameZh: "毫升", nameEn: "MILLILITRES", aliases: ["ML", "MILLILITERS"] },
  { code: "120", nameZh: "箱", nameEn: "CARTONS", aliases: ["CARTON", "CTNS"] },
  { code: "122", nameZh: "罐", nameEn: "CANS", aliases: ["CAN"] },
  { code: "123", nameZh: "桶", nameEn: "BARRELS", aliases: ["BARREL", "DRUMS"] },
  { code: "125", nameZh: "包", nameEn: "PACKS", aliases: ["PACK", "PKGS"] },
  { code: "136", nameZh: "袋", nameEn: "BAGS", aliases: ["BAG"] },
  { code: "140", nameZh: "盒", nameEn: "BOXES", aliases: ["BOX"] },
  { code: "142", nameZh: "瓶", nameEn: "BOTTLES", aliases: ["BOTTLE"] },
  { code: "163", nameZh: "部", nameEn: "UNITS", aliases: ["UNIT"] },
];

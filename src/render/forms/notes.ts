/** Overleaf notes printed as the last page of an eCO whose form has them (REFERENCE.md; wording abridged where marked). */
import type { FormLayout } from "./types.ts";

export const GENERAL_NOTES: FormLayout["backNotes"] = {
  title: "NOTES",
  paragraphs: [
    "1. Box 1: the exporter's full name, detailed address and country, as registered with the certifying authority. A transit trader may be added after the word VIA.",
    "2. Box 2: the final consignee's name, address and country. Where a letter of credit requires it, TO WHOM IT MAY CONCERN or TO ORDER may be stated; the box is never left blank.",
    "3. Box 3: the port of loading, the port of discharge, the means of transport and any transhipment point, e.g. FROM SHANGHAI, CHINA TO ROTTERDAM, NETHERLANDS BY SEA VIA HONGKONG.",
    "4. Box 4: the final importing country or region.",
    "5. Box 5 is reserved for the certifying authority (retroactive issue, duplicates and other statements). On electronically issued certificates it carries the anti-copy mark and the address where the certificate can be verified.",
    "6. Box 6: the marks and numbers as shown on the packages; N/M when there are none. Placeholders such as AS PER INVOICE are not accepted.",
    "7. Box 7: the number of packages in words and figures, their kind and a description of the goods specific enough to classify them; the last item is followed by a line of asterisks.",
    "8. Box 8: the H.S. code of each item, consistent with the export declaration.",
    "9. Box 9: the quantity in the usual trade unit; weight-based goods show the gross weight, or the net weight marked N.W.",
    "10. Box 10: the invoice number and date; the invoice date may not be later than the date of shipment.",
    "11. Box 11: place and date of the declaration, the signature of the authorised signatory and the stamp of the exporter; the date may not be earlier than the invoice date.",
    "12. Box 12: place and date of certification, signature and stamp of the certifying authority.",
    "A certificate bearing a QR code can be checked by scanning the code or on the certifying authority's verification page with the certificate number and verification code.",
  ],
};

export const CHAFTA_NOTES: FormLayout["backNotes"] = {
  title: "OVERLEAF INSTRUCTIONS",
  paragraphs: [
    "Box 1: the full legal name and address of the exporter in China or Australia.",
    "Box 2: the full legal name and address (including country) of the producer, if known; additional producers are listed. SAME when the exporter is the producer; UNKNOWN, or Available to the competent authority or authorised body upon request, where applicable.",
    "Box 3: the full legal name and address of the importer in Australia or China, if known.",
    "Box 4: the means of transport and route as far as known: departure date, vessel, flight, train or vehicle number, port of loading and port of discharge.",
    "Box 5: remarks, e.g. order or letter of credit numbers, a non-party operator issuing the invoice, ISSUED RETROSPECTIVELY.",
    "Box 6: the item number; at most 20 items per certificate.",
    "Box 7: marks and numbers on the packages (optional).",
    "Box 8: the number and kind of packages and a description of each good, specific enough to identify it; the last item is followed by an end marker.",
    "Box 9: the HS code of each good at the six-digit level.",
    "Box 10: the origin criterion of each good: WO — wholly obtained or produced in a Party; WP — produced entirely in one or both Parties exclusively from originating materials; PSR — produced using non-originating materials that satisfy the product specific rule.",
    "Box 11: the gross or net weight or other quantity.",
    "Box 12: the invoice number and date.",
    "Box 13: the declaration signed and dated by the exporter or producer.",
    "Box 14: certification by the authorised body with its telephone, fax and address. A certificate covers a single shipment and is valid for one year from issue.",
  ],
};

/**
 * Form E overleaf notes, after the 2019 form (GACC 2019 No.136; the text of the ACFTA upgrade
 * protocol's Attachment A as far as we know it: unverified, abridged).
 */
export const ACFTA_NOTES: FormLayout["backNotes"] = {
  title: "OVERLEAF NOTES",
  paragraphs: [
    "1. Parties which accept this form for the purpose of preferential treatment under the ASEAN-China Free Trade Area (ACFTA): BRUNEI DARUSSALAM, CAMBODIA, CHINA, INDONESIA, LAOS, MALAYSIA, MYANMAR, PHILIPPINES, SINGAPORE, THAILAND, VIET NAM.",
    "2. CONDITIONS: The main conditions for admission to the preferential treatment under the ACFTA are that goods sent to any Party listed above must: (i) fall within a description of goods eligible for concessions in the country of destination; (ii) comply with the consignment conditions in accordance with Rule 9 (Direct Consignment) of the Rules of Origin; (iii) comply with the origin criteria given in the Rules of Origin.",
    "3. ORIGIN CRITERIA: For exports which are eligible for preferential treatment, the requirement is that either: (i) the goods are wholly obtained or produced in the exporting Party (insert WO); (ii) the goods are produced in a Party exclusively from originating materials (insert PE); (iii) the goods satisfy the regional value content of not less than 40 per cent (insert the percentage, e.g. RVC 40%); (iv) the goods satisfy a change in tariff heading (insert CTH); (v) the goods satisfy the product specific rules (insert PSR).",
    "4. EACH ARTICLE MUST QUALIFY: Each article in a consignment must qualify separately in its own right.",
    "5. DESCRIPTION OF PRODUCTS: The description of products must be sufficiently detailed to enable the products to be identified by the Customs Officers examining them. The name of the manufacturer and any trade mark shall also be specified. The HS number shall be that of the importing Party, in six digits.",
    "6. FOB VALUE: The FOB value shall be indicated in Box 9 only when the RVC criterion is applied.",
    "7. Box 11 must be completed, signed and dated by the exporter. Box 12 must be certified by the Issuing Authority of the exporting Party.",
    "8. BOX 13: In the case of Certificates of Origin issued retroactively, back-to-back Certificates of Origin, goods sent for exhibition and third-party invoicing, the appropriate box shall be ticked.",
  ],
};

/** APTA overleaf notes (Rules of Origin, Annex II; wording abridged, unverified). */
export const APTA_NOTES: FormLayout["backNotes"] = {
  title: "NOTES",
  paragraphs: [
    "I. General Conditions: To qualify for preference, products must (a) fall within a description of products eligible for concessions in the country of destination; (b) comply with the rules of origin of the Asia-Pacific Trade Agreement, each article in a consignment qualifying separately in its own right; (c) comply with the consignment conditions specified by the rules of origin (direct consignment).",
    "II. Entries to be made in Box 8: Preference products must either be wholly produced or obtained in the exporting Participating State, or, where not wholly produced, satisfy the requirements of Rule 3 or Rule 4 of the Rules of Origin.",
    '(a) Products wholly produced or obtained: enter the letter "A" in Box 8.',
    '(b) Products not wholly produced or obtained: enter the letter "B" followed by the percentage of the FOB value of the non-originating materials (e.g. "B" 50%); for cumulative origin under Rule 4 enter "C" followed by the aggregate content percentage (e.g. "C" 60%); for least developed participating states\' special rules enter "D".',
    "III. Box 5: the tariff item number is the four-digit heading of the Harmonized System of the importing country.",
    "IV. Each article must qualify: goods must be described in sufficient detail to be identified by the customs officers examining them.",
  ],
};

/** RCEP overleaf notes (Annex 3B, Form RCEP; wording abridged, unverified). */
export const RCEP_NOTES: FormLayout["backNotes"] = {
  title: "OVERLEAF NOTES",
  paragraphs: [
    "1. This Certificate of Origin shall be issued by the issuing body of the exporting Party in accordance with Chapter 3 (Rules of Origin) of the Regional Comprehensive Economic Partnership Agreement.",
    "2. Box 1: the exporter's name, address and country. Box 2: the importer's or consignee's name, address and country. Box 3: the producer's name, address and country if known; where several producers, SEE BOX 8 may be stated; where the producer wishes it, CONFIDENTIAL; where unknown, NOT AVAILABLE.",
    "3. Box 4: the departure date, the vessel's name or aircraft flight number and the port of discharge, if known. Box 5: for official use by the customs authority of the importing Party, which ticks whether preferential tariff treatment is given or not given.",
    "4. Box 9: the HS code of the good at the 6-digit level. Box 10: the origin conferring criterion: WO, PE, CTC, RVC, CR; ACU (accumulation) and DMI (de minimis) are indicated only together with a criterion.",
    "5. Box 11: the RCEP country of origin determined under Article 2.6 of Chapter 2. Box 12: the quantity, and the FOB value only where the RVC criterion is applied.",
    "6. Box 13: the invoice number(s) and date(s); where the invoice is issued by a non-Party operator, its name and address are stated in Box 14 and Third-party invoicing is ticked in Box 17.",
    "7. Box 17: ticked for back-to-back Certificates of Origin, third-party invoicing, or certificates issued retroactively.",
  ],
};

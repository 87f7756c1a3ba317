// Google's ClaimReview field rules (shared/claimreview/google-factcheck-requirements.md), as a
// checker: required fields are errors, recommended ones warnings. Used by the tests on every
// object the site emits.

export type RuleReport = { errors: string[]; warnings: string[] };

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const isText = (v: unknown) => typeof v === "string" && v.trim().length > 0;
const isDate = (v: unknown) => typeof v === "string" && !Number.isNaN(Date.parse(v));
const isPartyOk = (v: unknown) => isObj(v) && (v["@type"] === "Organization" || v["@type"] === "Person") && isText(v.name);

export function checkClaimReview(review: unknown, hostingPageUrl: string): RuleReport {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (!isObj(review)) return { errors: ["not an object"], warnings };
  if (review["@context"] !== "https://schema.org") errors.push("@context must be https://schema.org");
  if (review["@type"] !== "ClaimReview") errors.push("@type must be ClaimReview");
  if (!isText(review.claimReviewed)) errors.push("claimReviewed is required");
  else if ((review.claimReviewed as string).length > 75) warnings.push("claimReviewed is longer than 75 characters");
  // url: required, and on the same domain as (or a subdomain of) the page hosting the markup.
  try {
    const url = new URL(String(review.url));
    const host = new URL(hostingPageUrl).hostname;
    if (url.hostname !== host && !url.hostname.endsWith(`.${host}`)) errors.push("url must be on the hosting page's domain");
  } catch {
    errors.push("url is required and must be a URL");
  }
  const rating = review.reviewRating;
  if (!isObj(rating) || rating["@type"] !== "Rating") errors.push("reviewRating (a Rating) is required");
  else {
    if (!isText(rating.alternateName)) errors.push("reviewRating.alternateName is required");
    const { ratingValue, bestRating, worstRating } = rating as { ratingValue?: unknown; bestRating?: unknown; worstRating?: unknown };
    if (typeof bestRating !== "number" || typeof worstRating !== "number") warnings.push("bestRating and worstRating are recommended");
    else if (!(bestRating > worstRating)) errors.push("bestRating must be greater than worstRating");
    if (typeof ratingValue !== "number") warnings.push("ratingValue is recommended");
    else {
      if (!Number.isInteger(ratingValue)) warnings.push("ratingValue should be an integer");
      if (typeof bestRating === "number" && typeof worstRating === "number" && (ratingValue < worstRating || ratingValue > bestRating)) errors.push("ratingValue must lie between worstRating and bestRating");
    }
  }
  if (!isPartyOk(review.author)) warnings.push("author (an Organization or Person with a name) is recommended");
  const item = review.itemReviewed;
  if (!isObj(item) || item["@type"] !== "Claim") warnings.push("itemReviewed (a Claim) is recommended");
  else {
    for (const key of ["appearance", "firstAppearance"]) {
      const v = item[key];
      if (v === undefined) warnings.push(`itemReviewed.${key} is recommended`);
      else if (!(key === "appearance" && Array.isArray(v) ? v.length > 0 && v.every((w) => typeof w === "string" || (isObj(w) && isText(w.url))) : typeof v === "string" || (isObj(v) && isText(v.url))))
        errors.push(`itemReviewed.${key} must be a URL or a CreativeWork with a url`);
    }
    if (item.author === undefined) warnings.push("itemReviewed.author is recommended");
    else if (!isPartyOk(item.author)) errors.push("itemReviewed.author must be an Organization or Person");
    if (item.datePublished === undefined) warnings.push("itemReviewed.datePublished is recommended");
    else if (!isDate(item.datePublished)) errors.push("itemReviewed.datePublished must be a date");
  }
  if (review.datePublished !== undefined && !isDate(review.datePublished)) errors.push("datePublished must be a date");
  return { errors, warnings };
}

/** Every property name used in a JSON-LD object tree (keys not starting with "@"). */
export function propertiesUsed(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => propertiesUsed(v, into));
  else if (isObj(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (!k.startsWith("@")) into.add(k);
      propertiesUsed(v, into);
    }
  }
  return into;
}

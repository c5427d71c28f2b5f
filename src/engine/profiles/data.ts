/**
 * The shipped rule profiles, as data (one JSON document each; validated by validateProfile in
 * ../config.ts, listed in docs/profiles.md by scripts/profiles-doc.ts). Add a profile by adding its
 * file here.
 */
import DEFAULT_PROFILE from "./default.json";
import YITIHUA_PROFILE from "./一体化自评.json";

/** Raw profile documents, "default" first. */
export const SHIPPED_PROFILE_DATA: readonly unknown[] = [DEFAULT_PROFILE, YITIHUA_PROFILE];

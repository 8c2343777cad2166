/**
 * The regular expressions behind the format scalars. Each is used as-is by the validator (with the
 * `u` flag) and exported as the JSON Schema `pattern`, so the two can never disagree.
 */

const MONTH_DAY =
  '(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))';
const LEAP_YEAR = '(?:\\d\\d(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)';
/** A calendar date `YYYY-MM-DD` that exists in the proleptic Gregorian calendar. */
export const DATE_SOURCE = `(?:\\d{4}-${MONTH_DAY}|${LEAP_YEAR}-02-29)`;
/** Wall-clock time `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fraction` (no leap second, no offset). */
export const TIME_SOURCE = '(?:[01]\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d(?:\\.\\d{1,9})?)?';
const OFFSET = '(?:Z|[+-](?:[01]\\d|2[0-3]):[0-5]\\d)';
const DATE_TIME_SOURCE = `${DATE_SOURCE}T(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d{1,9})?${OFFSET}`;

/** Anchors a pattern source and compiles it with the `u` flag (JSON Schema's regex dialect). */
function anchored(source: string): RegExp {
  return new RegExp(`^${source}$`, 'u');
}

export const DATE = anchored(DATE_SOURCE);
export const TIME = anchored(TIME_SOURCE);
/** RFC 3339 date-time with a mandatory offset, upper-case `T` and `Z`. */
export const DATE_TIME = anchored(DATE_TIME_SOURCE);
/** Parses the parts of a string that {@link DATE_TIME} accepted. */
export const DATE_TIME_PARTS =
  /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(?:Z|([+-])(\d\d):(\d\d))$/;

/** RFC 9562 UUID in its hyphenated form, any version, either case. */
export const UUID = anchored('[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}');

const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const TOP_LABEL = '[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
/** An address `local@domain.tld`: dot-atom local part of at most 64 characters, ASCII domain. */
export const EMAIL = anchored(`(?=[^@]{1,64}@)${ATOM}(?:\\.${ATOM})*@(?:${LABEL}\\.)+${TOP_LABEL}`);

const HOST = `(?:${LABEL}(?:\\.${LABEL})*|\\[[0-9A-Fa-f:.]{2,45}\\])`;
/** A TCP port, 0 to 65535. */
const PORT = '(?:6553[0-5]|655[0-2]\\d|65[0-4]\\d\\d|6[0-4]\\d{3}|[1-5]\\d{4}|\\d{1,4})';
/** An absolute `http` or `https` URL with a host, no credentials and no white space. */
export const HTTP_URL = anchored(`https?://${HOST}(?::${PORT})?(?:[/?#][^\\s\\uD800-\\uDFFF]*)?`);

/** An E.164 phone number: `+`, a country code not starting with 0, at most 15 digits. */
export const E164 = anchored('\\+[1-9]\\d{1,14}');

/** An identifier: 1 to 128 characters of letters, digits and `_ . : | -`, starting alphanumeric. */
export const ID = anchored('[A-Za-z0-9][A-Za-z0-9_.:|-]{0,127}');

const LANGUAGE = '(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})';
const VARIANT = '(?:-(?:[A-Za-z0-9]{5,8}|\\d[A-Za-z0-9]{3}))';
const EXTENSION = '(?:-[0-9A-WYZa-wyz](?:-[A-Za-z0-9]{2,8})+)';
const PRIVATE_USE = '(?:-[Xx](?:-[A-Za-z0-9]{1,8})+)';
/** A well-formed BCP 47 language tag (RFC 5646 `langtag`, without grandfathered tags). */
export const LOCALE = anchored(
  `${LANGUAGE}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\\d{3}))?${VARIANT}*${EXTENSION}*${PRIVATE_USE}?`,
);

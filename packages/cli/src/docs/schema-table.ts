import { normalize, type Schema, schemaAt } from '../diff/normalize.js';

/** One documented field of a schema (nested fields have dotted paths). */
export interface FieldRow {
  readonly path: string;
  readonly type: string;
  readonly required: boolean;
  readonly rules: string;
  readonly description: string;
}

const MAX_DEPTH = 5;
const MAX_LISTED = 12;
const SURROGATES = String.raw`\uD800-\uDFFF`;

const code = (value: unknown) => `\`${JSON.stringify(value)}\``;
const plural = (n: unknown, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function enumText(values: readonly unknown[], title: unknown): string {
  if (values.length <= MAX_LISTED) return `one of ${values.map(code).join(', ')}`;
  const named = typeof title === 'string' ? `${title}: ` : '';
  return `${named}one of ${values.length} values (${values.slice(0, 3).map(code).join(', ')}, ...)`;
}

/** Our string scalars' guard against lone surrogates tells a reader nothing; "not blank" does. */
function patternText(pattern: string): string | undefined {
  if (!pattern.includes(SURROGATES)) return `matches \`${pattern}\``;
  return pattern.includes(String.raw`[^\s`) ? 'not blank' : undefined;
}

function typeText(schema: Schema, root: Schema): string {
  const { types, nullable, rest } = normalize(schema, root);
  let text: string;
  if (Array.isArray(rest.enum)) text = enumText(rest.enum, rest.title);
  else if (types === undefined) text = 'any JSON';
  else {
    text = [...types]
      .map((t) => {
        if (t === 'array') {
          const items = schemaAt(rest, 'items');
          return `array of ${items === undefined ? 'any' : typeText(items, root)}`;
        }
        return typeof rest.format === 'string' && t === 'string' ? `string (${rest.format})` : t;
      })
      .join(' or ');
  }
  return nullable ? `${text}, or null` : text;
}

function rulesText(schema: Schema, root: Schema): string {
  const { rest } = normalize(schema, root);
  const rules: string[] = [];
  const add = (keyword: string, words: (v: unknown) => string) => {
    if (rest[keyword] !== undefined) rules.push(words(rest[keyword]));
  };
  add('minimum', (v) => `>= ${v}`);
  add('exclusiveMinimum', (v) => `> ${v}`);
  add('maximum', (v) => `<= ${v}`);
  add('exclusiveMaximum', (v) => `< ${v}`);
  add('minLength', (v) => `at least ${plural(v, 'character')}`);
  add('maxLength', (v) => `at most ${plural(v, 'character')}`);
  add('minItems', (v) => `at least ${plural(v, 'item')}`);
  add('maxItems', (v) => `at most ${plural(v, 'item')}`);
  add('multipleOf', (v) => `a multiple of ${v}`);
  const pattern =
    typeof rest.pattern === 'string' && rest.format === undefined ? patternText(rest.pattern) : undefined;
  if (pattern !== undefined) rules.push(pattern);
  add('default', (v) => `default \`${JSON.stringify(v)}\``);
  if (rest.deprecated === true || schema.deprecated === true) rules.push('deprecated');
  return rules.join('; ');
}

function collect(
  schema: Schema,
  root: Schema,
  prefix: string,
  required: boolean,
  depth: number,
  rows: FieldRow[],
): void {
  const { rest, types } = normalize(schema, root);
  const description =
    typeof schema.description === 'string'
      ? schema.description
      : typeof rest.description === 'string'
        ? rest.description
        : '';
  if (prefix !== '')
    rows.push({
      path: prefix,
      type: typeText(schema, root),
      required,
      rules: rulesText(schema, root),
      description,
    });
  if (depth >= MAX_DEPTH) return;
  const properties = schemaAt(rest, 'properties');
  if (properties !== undefined && (types === undefined || types.has('object'))) {
    const needed = new Set(Array.isArray(rest.required) ? rest.required : []);
    for (const [name, field] of Object.entries(properties)) {
      if (typeof field !== 'object' || field === null) continue;
      collect(
        field as Schema,
        root,
        prefix === '' ? name : `${prefix}.${name}`,
        needed.has(name),
        depth + 1,
        rows,
      );
    }
  }
  const items = schemaAt(rest, 'items');
  if (items !== undefined && types?.has('array')) {
    const inner = normalize(items, root).rest;
    if (schemaAt(inner, 'properties') !== undefined) {
      const nested: FieldRow[] = [];
      collect(items, root, `${prefix}[]`, true, depth + 1, nested);
      rows.push(...nested.filter((row) => row.path !== `${prefix}[]`));
    }
  }
}

/** The fields of an object schema, nested ones with dotted paths (`lines[].price.amount`). */
export function fieldRows(schema: Schema): FieldRow[] {
  const rows: FieldRow[] = [];
  collect(schema, schema, '', true, 0, rows);
  return rows;
}

/** Escapes a markdown table cell. */
export function cell(text: string): string {
  return text.replaceAll('|', '\\|').replace(/\s*\n\s*/g, ' ');
}

/** The fields as a markdown table, or a sentence when there are none. */
export function fieldTable(schema: Schema): string {
  const rows = fieldRows(schema);
  if (rows.length === 0) {
    const { types } = normalize(schema, schema);
    return types?.has('object') || types === undefined
      ? 'No fields.'
      : `A single value: ${typeText(schema, schema)}.`;
  }
  return [
    '| Field | Type | Required | Rules | Description |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| \`${r.path}\` | ${cell(r.type)} | ${r.required ? 'yes' : 'no'} | ${cell(r.rules)} | ${cell(r.description)} |`,
    ),
  ].join('\n');
}

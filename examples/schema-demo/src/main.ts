import { formatMinorUnits, formatPath, type SchemaModel, toMinorUnits } from '@lssm/lib.schema';
import { CapturePaymentInput, CapturePaymentInputV2 } from './capture-payment-input.js';

function show(model: SchemaModel, label: string, body: string): void {
  const result = model.validate(JSON.parse(body));
  console.log(`\n${label}\n  POST body: ${body}`);
  if (result.ok) {
    console.log(`  accepted -> ${JSON.stringify(result.value)}`);
    return;
  }
  for (const issue of result.issues)
    console.log(`  rejected: ${formatPath(issue.path)} [${issue.code}] ${issue.message}`);
}

console.log('@lssm/lib.schema demo');
console.log('The billing example (Next.js + Stripe emulator) is not built yet; until it is, `npm start`');
console.log("runs this tour of the schema package with the tutorial's input model.");

show(
  CapturePaymentInput,
  'A valid request',
  '{"invoiceId":"inv_1","amount":49.9,"currency":"usd","paymentMethodId":"pm_card_visa"}',
);
show(
  CapturePaymentInput,
  'Everything wrong at once (every issue is reported, with a path and a stable code)',
  '{"invoiceId":"   ","amount":-5,"currency":3,"isAdmin":true,"__proto__":{"polluted":true}}',
);
show(
  CapturePaymentInputV2,
  'Money done right: integer minor units and a real currency table',
  '{"invoiceId":"inv_1","amount":{"amount":4990,"currency":"EUR"},"paymentMethodId":"pm_card_visa","requestedAt":"2026-11-27T09:30:00+01:00"}',
);
show(
  CapturePaymentInputV2,
  'A float amount and an unknown currency',
  '{"invoiceId":"inv_1","amount":{"amount":49.9,"currency":"EURO"},"paymentMethodId":"pm_1"}',
);

console.log('\nMinor units per currency (one table, following the payment provider):');
for (const [major, currency] of [
  ['49.90', 'USD'],
  ['4990', 'JPY'],
  ['4.990', 'KWD'],
] as const) {
  const minor = toMinorUnits(major, currency);
  console.log(`  ${major} ${currency} -> ${minor} minor units -> ${formatMinorUnits(minor, currency)}`);
}

console.log('\nJSON Schema 2020-12 of CapturePaymentInput:');
console.log(JSON.stringify(CapturePaymentInput.toJsonSchema(), null, 2));
console.log('\nNext: README.md (tests, benchmarks) and packages/schema/README.md (the API).');

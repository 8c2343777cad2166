// lib/registry.ts
import { SpecRegistry, installOp } from '@lssm/lib.contracts';
import { CapturePayment } from './specs/billing/capture-payment';
import { handleCapturePayment } from './handlers/billing/capture-payment';

export const registry = new SpecRegistry();
installOp(registry, CapturePayment, handleCapturePayment);

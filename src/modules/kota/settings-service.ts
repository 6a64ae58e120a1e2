/**
 * The city's own profile: name, tagline, contact, which optional modules are
 * on, and the logo. Rules live here; the routes only validate the shape.
 */
import type { Tx } from '../../platform/db/transaction.ts';
import type { CityContact } from '../../platform/db/schema.ts';
import { badRequest } from '../../platform/http/problem.ts';
import { updateCity, type City } from '../../platform/tenancy/service.ts';
import type { ModuleInfo } from '../../platform/module.ts';

export const LOGO_MAX_BYTES = 512 * 1024;
export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml'] as const;
export type LogoType = (typeof LOGO_TYPES)[number];

export interface Logo {
  data: Buffer;
  type: LogoType;
}

export interface SettingsInput {
  name?: string | undefined;
  tagline?: string | null | undefined;
  contact?: CityContact | undefined;
  modules?: string[] | undefined;
}

const CONTACT_KEYS = ['alamat', 'telepon', 'email', 'situs'] as const;

function startsWith(buf: Buffer, bytes: number[], at = 0): boolean {
  return buf.length >= at + bytes.length && bytes.every((b, i) => buf[at + i] === b);
}

const logoError = (key: string, params?: Record<string, string | number>) =>
  badRequest(key, [{ pointer: '/body/logo', detail: key }], params);

/** An SVG whose root is <svg>, after an optional XML declaration, comments and a DOCTYPE without an internal subset. */
const SVG_PROLOGUE =
  /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE\s+svg[^>[]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<svg[\s>]/i;
/** Anything that could run script when the SVG is opened as a document. */
const SVG_DANGER = [/<script/i, /[\s"'/]on[a-z-]*\s*=/i, /javascript\s*:/i, /<!ENTITY/i, /<foreignObject/i];

function sniffSvg(buf: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    return false;
  }
  if (text.includes('\u0000') || !SVG_PROLOGUE.test(text)) return false;
  if (SVG_DANGER.some((re) => re.test(text))) throw logoError('kota.logo.unsafeSvg');
  return true;
}

/**
 * The type of an uploaded logo from its first bytes (the file name and the
 * declared type are not trusted). Throws a 400 with a field error on /body/logo.
 */
export function sniffLogo(data: unknown): Logo {
  if (!Buffer.isBuffer(data) || data.length === 0) throw logoError('kota.logo.missing');
  if (data.length > LOGO_MAX_BYTES) throw logoError('kota.logo.tooLarge', { max: LOGO_MAX_BYTES / 1024 });
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { data, type: 'image/png' };
  if (startsWith(data, [0xff, 0xd8, 0xff])) return { data, type: 'image/jpeg' };
  if (startsWith(data, [0x52, 0x49, 0x46, 0x46]) && startsWith(data, [0x57, 0x45, 0x42, 0x50], 8)) {
    return { data, type: 'image/webp' };
  }
  if (sniffSvg(data)) return { data, type: 'image/svg+xml' };
  throw logoError('kota.logo.badType');
}

/** Checks the requested optional modules against the registered ones; returns them de-duplicated in registry order. */
export function checkModules(requested: readonly string[], catalogue: readonly ModuleInfo[]): string[] {
  const optional = catalogue.filter((m) => m.optional).map((m) => m.name);
  const unknown = requested.find((name) => !optional.includes(name));
  if (unknown !== undefined) {
    throw badRequest(
      'kota.settings.unknownModule',
      [{ pointer: '/body/modules', detail: 'kota.settings.unknownModule' }],
      {
        name: unknown,
      },
    );
  }
  return optional.filter((name) => requested.includes(name));
}

/** Trimmed contact fields without the empty ones; a website must be http(s). */
export function normaliseContact(contact: CityContact): CityContact {
  const out: CityContact = {};
  for (const k of CONTACT_KEYS) {
    const v = contact[k]?.trim();
    if (v) out[k] = v;
  }
  if (out.situs && !/^https?:\/\/[^\s]+$/i.test(out.situs)) {
    throw badRequest('kota.settings.badWebsite', [
      { pointer: '/body/contact/situs', detail: 'kota.settings.badWebsite' },
    ]);
  }
  if (out.email) out.email = out.email.toLowerCase();
  return out;
}

/**
 * Saves the settings that are present in `input` (absent ones stay). `logo`:
 * undefined keeps the logo, null removes it, a Logo replaces it.
 */
export async function saveSettings(
  trx: Tx,
  cityId: string,
  input: SettingsInput,
  catalogue: readonly ModuleInfo[],
  logo?: Logo | null,
): Promise<void> {
  const nothing = Object.values(input).every((v) => v === undefined) && logo === undefined;
  if (nothing) return; // no empty audit entries
  const name = input.name?.trim();
  if (input.name !== undefined && (!name || name.length < 3)) {
    throw badRequest('kota.settings.nameRequired', [
      { pointer: '/body/name', detail: 'kota.settings.nameRequired' },
    ]);
  }
  await updateCity(trx, cityId, {
    name,
    tagline: input.tagline === undefined ? undefined : input.tagline?.trim() || null,
    contact: input.contact === undefined ? undefined : normaliseContact(input.contact),
    modules: input.modules === undefined ? undefined : checkModules(input.modules, catalogue),
    logo,
  });
}

export interface ModuleSwitch {
  name: string;
  label: string;
  enabled: boolean;
}

/** The optional modules with whether the city has them on (labels as message keys). */
export function moduleSwitches(city: City, catalogue: readonly ModuleInfo[]): ModuleSwitch[] {
  return catalogue
    .filter((m) => m.optional)
    .map((m) => ({ name: m.name, label: m.label, enabled: city.modules.includes(m.name) }));
}

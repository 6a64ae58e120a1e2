/** Request and response shapes of the kota pages and API (TypeBox). */
import { Type } from 'typebox';
import { ROLES } from '../../platform/auth/roles.ts';
import { CitySlug, Csrf, Email, Paging, Phone, Uuid } from '../../platform/http/schemas.ts';
import { CityOut } from '../../platform/http/platform-routes.ts';

const orEmpty = <T extends ReturnType<typeof Type.String>>(s: T) => Type.Union([s, Type.Literal('')]);

export const UserParams = Type.Object({ city: CitySlug, userId: Uuid }, { additionalProperties: false });
export const RoleParams = Type.Object(
  { city: CitySlug, userId: Uuid, roleId: Uuid },
  { additionalProperties: false },
);

// ---- Settings ----

export const Name = Type.String({ minLength: 3, maxLength: 120 });
export const Tagline = Type.String({ maxLength: 200 });
export const ContactPhone = Type.String({
  pattern: '^\\+?[0-9(][0-9 ()-]{5,19}$',
  description: 'e.g. 0224234793 or (022) 4234793',
});
export const Website = Type.String({
  pattern: '^https?://[^\\s]+$',
  maxLength: 200,
  description: 'http(s) URL',
});

export const Contact = Type.Object(
  {
    alamat: Type.Optional(Type.String({ maxLength: 200 })),
    telepon: Type.Optional(orEmpty(ContactPhone)),
    email: Type.Optional(orEmpty(Email)),
    situs: Type.Optional(orEmpty(Website)),
  },
  { additionalProperties: false },
);

export const SettingsPatch = Type.Object(
  {
    name: Type.Optional(Name),
    tagline: Type.Optional(Type.Union([Tagline, Type.Null()])),
    contact: Type.Optional(Contact),
    modules: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 50, uniqueItems: true })),
  },
  { additionalProperties: false },
);

/** The settings form (multipart: text fields, the checkboxes, the logo file as a Buffer). */
export const SettingsForm = Type.Object(
  {
    name: Name,
    tagline: Type.Optional(Tagline),
    alamat: Type.Optional(Type.String({ maxLength: 200 })),
    telepon: Type.Optional(orEmpty(ContactPhone)),
    email: Type.Optional(orEmpty(Email)),
    situs: Type.Optional(orEmpty(Website)),
    modules: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 50 })),
    logo: Type.Optional(Type.Unknown({ description: 'Image file (PNG, JPEG, WebP or SVG, at most 512 KB)' })),
    hapusLogo: Type.Optional(Type.Literal('1')),
    _csrf: Csrf,
  },
  { additionalProperties: false },
);

export const LogoUpload = Type.Object(
  {
    logo: Type.Unknown({
      description: 'Image file (PNG, JPEG, WebP or SVG, at most 512 KB), multipart field "logo"',
    }),
    _csrf: Csrf,
  },
  { additionalProperties: false },
);

/** The city as the cities API shows it (without the demo flag), plus the optional modules to choose from. */
const city = CityOut.properties;
export const SettingsOut = Type.Object({
  kode: city.kode,
  slug: city.slug,
  name: city.name,
  tagline: city.tagline,
  contact: city.contact,
  modules: city.modules,
  availableModules: Type.Array(
    Type.Object({ name: Type.String(), label: Type.String(), enabled: Type.Boolean() }),
  ),
  logoUrl: city.logoUrl,
});

// ---- Users ----

export const RoleName = Type.Enum([...ROLES]);
export const AreaKode = Type.String({
  pattern: '^[0-9]{2}\\.[0-9]{2}(\\.[0-9]{2}(\\.[0-9]{4}(\\.[0-9]{3})?)?)?$',
  description: 'City, kecamatan, kelurahan or RW code',
});
export const ModuleName = Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' });

export const UsersQuery = Type.Object(
  { q: Type.Optional(Type.String({ maxLength: 100 })), ...Paging },
  { additionalProperties: false },
);

export const RoleBody = Type.Object(
  { role: RoleName, areaKode: AreaKode, module: Type.Optional(Type.Union([ModuleName, Type.Null()])) },
  { additionalProperties: false },
);

export const RoleForm = Type.Object(
  {
    role: RoleName,
    areaKode: AreaKode,
    rw: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 999 }), Type.Literal('')])),
    module: Type.Optional(orEmpty(ModuleName)),
    _csrf: Csrf,
  },
  { additionalProperties: false },
);

/** A new account: the person, then the first role (as in RoleBody). */
export const NewUserBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    email: Email,
    phone: Type.Optional(Type.Union([Phone, Type.Literal(''), Type.Null()])),
    ...RoleBody.properties,
  },
  { additionalProperties: false },
);

/** The new account form: the person, then the first role (as in RoleForm). */
export const NewUserForm = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    email: Email,
    phone: Type.Optional(orEmpty(Phone)),
    ...RoleForm.properties,
  },
  { additionalProperties: false },
);

export const UserPatch = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    phone: Type.Optional(Type.Union([Phone, Type.Null()])),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const ProfileForm = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    phone: Type.Optional(orEmpty(Phone)),
    hapusTelepon: Type.Optional(Type.Literal('1')),
    _csrf: Csrf,
  },
  { additionalProperties: false },
);

export const StatusForm = Type.Object(
  { active: Type.Union([Type.Literal('true'), Type.Literal('false')]), _csrf: Csrf },
  { additionalProperties: false },
);

export const CsrfOnly = Type.Object({ _csrf: Csrf }, { additionalProperties: false });

export const RoleOut = Type.Object({
  id: Type.String(),
  role: Type.String(),
  areaKode: Type.String(),
  module: Type.Union([Type.String(), Type.Null()]),
});

export const UserOut = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()], { description: 'Masked' }),
  active: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  demo: Type.Boolean(),
  lastLoginAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  roles: Type.Array(RoleOut),
});

export const UserList = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  perPage: Type.Integer(),
  pages: Type.Integer(),
  items: Type.Array(UserOut),
});

export const CreatedUser = Type.Object({
  user: UserOut,
  temporaryPassword: Type.String({ description: 'Shown once; must be changed at first sign-in' }),
});

export const TemporaryPassword = Type.Object({ temporaryPassword: Type.String() });

// ---- Audit ----

export const AuditQuerySchema = Type.Object(
  {
    entity: Type.Optional(Type.String({ pattern: '^([a-z_][a-z0-9_]{0,62})?$', description: 'Table name' })),
    action: Type.Optional(
      Type.Union([
        Type.Literal('insert'),
        Type.Literal('update'),
        Type.Literal('delete'),
        Type.Literal('read'),
        Type.Literal(''),
      ]),
    ),
    user: Type.Optional(Type.String({ maxLength: 254, description: 'Account id or email' })),
    from: Type.Optional(
      Type.String({ pattern: '^(\\d{4}-\\d{2}-\\d{2})?$', description: 'First day (WIB), YYYY-MM-DD' }),
    ),
    to: Type.Optional(
      Type.String({ pattern: '^(\\d{4}-\\d{2}-\\d{2})?$', description: 'Last day (WIB), YYYY-MM-DD' }),
    ),
    entityId: Type.Optional(Type.String({ maxLength: 100 })),
    ...Paging,
  },
  { additionalProperties: false },
);

export const AuditCsvQuery = Type.Object(
  {
    entity: AuditQuerySchema.properties.entity,
    action: AuditQuerySchema.properties.action,
    user: AuditQuerySchema.properties.user,
    from: AuditQuerySchema.properties.from,
    to: AuditQuerySchema.properties.to,
    entityId: AuditQuerySchema.properties.entityId,
  },
  { additionalProperties: false },
);

// No row number: audit_log's identity is shared by every city, so it would tell one city how much
// the others write (the entries are told apart by time, table, row and action).
export const AuditEntryOut = Type.Object({
  at: Type.String(),
  user: Type.Union([
    Type.Object({
      id: Type.String(),
      name: Type.Union([Type.String(), Type.Null()]),
      email: Type.Union([Type.String(), Type.Null()]),
    }),
    Type.Null(),
  ]),
  userRole: Type.String(),
  action: Type.String(),
  entity: Type.String(),
  entityId: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.Union([Type.String(), Type.Null()]),
  changes: Type.Array(Type.Object({ field: Type.String(), before: Type.Unknown(), after: Type.Unknown() })),
});

export const AuditList = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  perPage: Type.Integer(),
  pages: Type.Integer(),
  items: Type.Array(AuditEntryOut),
});

/** The OpenAPI tag and the path prefix of the kota JSON API. */
export const API_TAGS = ['kota'];
export const API_BASE = '/api/v1/cities/:city';

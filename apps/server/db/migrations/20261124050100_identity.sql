-- Identity: the organisation tree, accounts, profiles, roles with scoped assignments, sessions.
CREATE TABLE idn_org (
  id uuid PRIMARY KEY,
  parent_id uuid REFERENCES idn_org (id),
  kind text NOT NULL CHECK (kind IN ('region', 'department', 'unit')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  region_code text CHECK (region_code ~ '^\d{6}(\d{3})?$'),
  credit_code text,
  credit_code_note text,
  -- Materialised path of ancestor ids ('/id1/id2/…/self/') so "this org and everything below it"
  -- is one indexed prefix match.
  path text NOT NULL UNIQUE,
  depth int NOT NULL,
  sort_order int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'region') = (region_code IS NOT NULL))
);
CREATE UNIQUE INDEX idn_org_region_code_idx ON idn_org (region_code) WHERE region_code IS NOT NULL;
CREATE UNIQUE INDEX idn_org_credit_code_idx ON idn_org (credit_code) WHERE credit_code IS NOT NULL;
CREATE INDEX idn_org_path_idx ON idn_org (path text_pattern_ops);
CREATE INDEX idn_org_parent_idx ON idn_org (parent_id, sort_order);

CREATE TABLE idn_user (
  id uuid PRIMARY KEY,
  username text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('staff', 'citizen', 'enterprise')),
  display_name text NOT NULL,
  org_id uuid REFERENCES idn_org (id),
  password_hash text NOT NULL,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  must_change_password boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  failed_logins int NOT NULL DEFAULT 0,
  locked_until timestamptz,
  totp_secret_enc text,
  totp_enabled boolean NOT NULL DEFAULT false,
  phone_enc text,
  phone_hash text,
  email text,
  last_login_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'staff') = (org_id IS NOT NULL))
);
CREATE UNIQUE INDEX idn_user_username_idx ON idn_user (lower(username));
CREATE INDEX idn_user_org_idx ON idn_user (org_id);
CREATE INDEX idn_user_phone_hash_idx ON idn_user (phone_hash);

CREATE TABLE idn_citizen (
  user_id uuid PRIMARY KEY REFERENCES idn_user (id) ON DELETE CASCADE,
  real_name text NOT NULL,
  id_number_enc text NOT NULL,
  id_number_hash text NOT NULL UNIQUE,
  birth_date date,
  sex text CHECK (sex IN ('male', 'female')),
  verified_at timestamptz
);

CREATE TABLE idn_enterprise (
  user_id uuid PRIMARY KEY REFERENCES idn_user (id) ON DELETE CASCADE,
  name text NOT NULL,
  credit_code text NOT NULL UNIQUE,
  credit_code_note text,
  legal_representative text NOT NULL,
  verified_at timestamptz
);

-- Roles carry permissions. admin_class marks the three administrator roles of 三员分立: one account
-- may not hold two different classes, and administrator roles hold no business permissions.
CREATE TABLE idn_role (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE CHECK (code ~ '^[a-z][a-z0-9_.]{1,62}$'),
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  permissions text[] NOT NULL,
  admin_class text CHECK (admin_class IN ('system', 'security', 'audit')),
  builtin boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A role held by a user over a data scope along the tree.
CREATE TABLE idn_role_assignment (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES idn_user (id) ON DELETE CASCADE,
  role_id uuid NOT NULL REFERENCES idn_role (id),
  scope text NOT NULL CHECK (scope IN ('platform', 'org', 'own')),
  scope_org_id uuid REFERENCES idn_org (id),
  granted_by uuid REFERENCES idn_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((scope = 'org') = (scope_org_id IS NOT NULL)),
  UNIQUE (user_id, role_id, scope, scope_org_id)
);
CREATE INDEX idn_role_assignment_user_idx ON idn_role_assignment (user_id);

CREATE TABLE idn_session (
  id uuid PRIMARY KEY,
  token_hash text NOT NULL UNIQUE,
  user_id uuid NOT NULL REFERENCES idn_user (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoke_reason text,
  ip text,
  user_agent text
);
CREATE INDEX idn_session_user_idx ON idn_session (user_id) WHERE revoked_at IS NULL;

-- Electronic licences (电子证照): issued when a licensing case is approved, signed with the platform's
-- SM2 key, verifiable by anyone from the QR code on the certificate.

-- The platform's SM2 signing keys. Exactly one is active (used for new signatures); retired keys stay
-- so that licences signed before a rotation remain verifiable. The private key is encrypted with the
-- PII cipher (SM4-CTR + HMAC-SM3 under the master key); it never leaves the server in clear.
CREATE TABLE lic_signing_key (
  id uuid PRIMARY KEY,
  algorithm text NOT NULL DEFAULT 'SM2-SM3' CHECK (algorithm = 'SM2-SM3'),
  public_key text NOT NULL CHECK (public_key ~ '^04[0-9a-f]{128}$'),
  private_key_enc text NOT NULL,
  active boolean NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz
);
CREATE UNIQUE INDEX lic_signing_key_active_idx ON lic_signing_key (active) WHERE active;

CREATE TABLE lic_licence (
  id uuid PRIMARY KEY,
  -- XK + region code of the issuing unit + year + 6-digit sequence per region and year.
  number text NOT NULL UNIQUE,
  case_id uuid NOT NULL REFERENCES wf_case (id),
  case_number text NOT NULL,
  licence_name text NOT NULL CHECK (length(licence_name) BETWEEN 1 AND 100),
  holder_name text NOT NULL CHECK (length(holder_name) BETWEEN 1 AND 200),
  holder_kind text NOT NULL CHECK (holder_kind IN ('person', 'enterprise')),
  -- ID number or unified social credit code: encrypted, blind index for lookup, masked for display.
  holder_code_enc text NOT NULL,
  holder_code_hash text NOT NULL,
  holder_code_masked text NOT NULL,
  -- The account that applied (downloads "my licences"); NULL for counter applications without one.
  holder_user_id uuid REFERENCES idn_user (id),
  org_id uuid NOT NULL REFERENCES idn_org (id),
  org_path text NOT NULL,
  org_name text NOT NULL,
  valid_from date NOT NULL,
  valid_until date CHECK (valid_until IS NULL OR valid_until >= valid_from),
  scope text NOT NULL DEFAULT '',
  data jsonb NOT NULL DEFAULT '{}',
  issued_on date NOT NULL,
  issued_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'revoked')),
  revoked_reason text,
  revoked_at timestamptz,
  revoked_by uuid REFERENCES idn_user (id),
  -- Canonical JSON of the licence fields as signed; the verifier re-derives it from the columns and
  -- compares, then checks the SM2 signature (r ‖ s hex) with the public key of key_id.
  signed_payload text NOT NULL,
  signature text NOT NULL CHECK (signature ~ '^[0-9a-f]{128}$'),
  key_id uuid NOT NULL REFERENCES lic_signing_key (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'revoked') = (revoked_at IS NOT NULL))
);
CREATE INDEX lic_licence_case_idx ON lic_licence (case_id);
CREATE INDEX lic_licence_org_path_idx ON lic_licence (org_path text_pattern_ops, issued_at DESC);
CREATE INDEX lic_licence_holder_user_idx ON lic_licence (holder_user_id, issued_at DESC);
CREATE INDEX lic_licence_holder_code_idx ON lic_licence (holder_code_hash);

-- Per-site template overrides of the public site theme (LiquidJS). A row replaces one template of the
-- site's theme (e.g. 'pages/site/home', 'partials/site/footer'); deleting it restores the theme's file.
-- Sources are parsed and trial-rendered in the sandboxed engine before they are stored.

CREATE TABLE cms_theme_template (
  site_id uuid NOT NULL REFERENCES cms_site (id),
  name text NOT NULL CHECK (name ~ '^(pages|partials)/site/[a-z0-9][a-z0-9-]{0,63}$'),
  source text NOT NULL CHECK (length(source) <= 200000),
  updated_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (site_id, name)
);

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { renderConfigDoc, renderReadme } from './gen-config-docs.ts';

test('README and docs/config.md list every configuration key as the schema defines it', () => {
  const readme = fs.readFileSync('README.md', 'utf8');
  assert.equal(readme, renderReadme(readme), 'README config table is stale: run npm run docs:config');
  assert.equal(fs.readFileSync('docs/config.md', 'utf8'), renderConfigDoc(), 'docs/config.md is stale');
});

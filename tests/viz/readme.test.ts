/**
 * Issue 23, defect 10: without a CJK font every Chinese name is a box, so the README tells a
 * planner's machine to have one, and CI installs one for the browser test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../engine/core/paths.js';

describe('the viewer’s fonts', () => {
  it('README names a Debian CJK font package for the viewer, and .ci/run installs one', () => {
    const readme = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');
    const viewer = readme.slice(readme.indexOf('## Viewer'), readme.indexOf('## Scenario files'));
    expect(viewer).toMatch(/fonts-noto-cjk/);
    expect(viewer).toMatch(/fonts-wqy-microhei/);
    expect(readFileSync(join(PACKAGE_ROOT, '.ci', 'run'), 'utf8')).toMatch(/fc-list :lang=zh[\s\S]*fonts-wqy-microhei/);
  });
});

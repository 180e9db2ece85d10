import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST_DIR } from '../../../engine/core/paths.js';

describe('the renxing command', () => {
  it('ends quietly when its reader closes the pipe early (renxing list | head)', async () => {
    const child = spawn(process.execPath, [join(DIST_DIR, 'engine/cli/main.js'), 'list'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    // Our end closed before the command writes anything: its first write meets a closed pipe.
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

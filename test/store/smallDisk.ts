// A real small filesystem (tmpfs) that a test can fill up and free again: a full disk as SQLite meets
// it, ENOSPC and all. Mounting needs root (CAP_SYS_ADMIN), which the test machine has; file
// permissions would not do, since root ignores them.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallDisk {
  /** The mount point. */
  readonly dir: string;
  /** Takes every free byte with a file of its own: from now on the disk is full. */
  fill(): void;
  /** Deletes that file again. */
  free(): void;
  unmount(): void;
}

export function mountSmallDisk(sizeMiB = 8): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'phlo-bot-small-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMiB}m`, 'tmpfs', dir]);
  const filler = join(dir, 'filler');
  return {
    dir,
    fill() {
      const fd = openSync(filler, 'w');
      const block = Buffer.alloc(64 * 1024);
      try {
        // A write that finds less room than a block writes what fits; the next finds none.
        for (;;) writeSync(fd, block);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      } finally {
        closeSync(fd);
      }
    },
    free() {
      rmSync(filler, { force: true });
    },
    unmount() {
      execFileSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

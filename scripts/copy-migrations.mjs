// tsc copies no SQL: the built server reads its migrations from dist/store/migrations.
import { cpSync, rmSync } from 'node:fs';
rmSync('dist/store/migrations', { recursive: true, force: true });
cpSync('src/store/migrations', 'dist/store/migrations', { recursive: true });

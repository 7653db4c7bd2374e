import { expect, it } from 'vitest';
import { loadConfig } from './config.js';

it('reads the settings that take one of a few words: default, any case, or a clear error', () => {
  const defaults = loadConfig({});
  expect([defaults.logFormat, defaults.sqliteSynchronous, defaults.sqliteCheckpoint]).toEqual([
    'json',
    'normal',
    'auto',
  ]);
  const chosen = loadConfig({
    STRATOFLOW_LOG_FORMAT: ' Pretty ',
    STRATOFLOW_SQLITE_SYNCHRONOUS: 'FULL',
    STRATOFLOW_SQLITE_CHECKPOINT: 'thread',
  });
  expect([chosen.logFormat, chosen.sqliteSynchronous, chosen.sqliteCheckpoint]).toEqual([
    'pretty',
    'full',
    'thread',
  ]);
  expect(() => loadConfig({ STRATOFLOW_LOG_FORMAT: 'xml' })).toThrow(
    'STRATOFLOW_LOG_FORMAT must be json or pretty, got "xml"',
  );
  expect(() => loadConfig({ STRATOFLOW_SQLITE_SYNCHRONOUS: 'off' })).toThrow(
    'STRATOFLOW_SQLITE_SYNCHRONOUS must be normal or full, got "off"',
  );
  expect(() => loadConfig({ STRATOFLOW_SQLITE_CHECKPOINT: 'never' })).toThrow(
    'STRATOFLOW_SQLITE_CHECKPOINT must be auto, thread or inline, got "never"',
  );
});

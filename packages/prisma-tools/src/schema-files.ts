import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface SchemaFile {
  /** Absolute path; the schema engine quotes it in validation errors. */
  path: string;
  content: string;
}

export interface LoadedSchema {
  files: SchemaFile[];
  /** The folder holding schema.prisma (or the schema folder itself). */
  baseDir: string;
}

function prismaFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.prisma'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !file.split(path.sep).includes('migrations'))
    .sort();
}

/** Reads one schema.prisma, or every *.prisma file of a multi-file schema folder. */
export function loadSchema(schemaPath: string): LoadedSchema {
  const absolute = path.resolve(schemaPath);
  const isDir = statSync(absolute).isDirectory();
  const paths = isDir ? prismaFilesUnder(absolute) : [absolute];
  if (paths.length === 0) throw new Error(`No .prisma file under ${absolute}`);
  const files = paths.map((file) => ({ path: file, content: readFileSync(file, 'utf8') }));
  const provider = files.map((f) => /provider\s*=\s*"([^"]+)"/.exec(datasourceBlock(f.content) ?? '')?.[1]).find(Boolean);
  if (provider !== undefined && provider !== 'postgresql') {
    throw new Error(`@tjc/prisma-tools supports only provider = "postgresql", the schema says "${provider}"`);
  }
  return { files, baseDir: isDir ? absolute : path.dirname(absolute) };
}

function datasourceBlock(content: string): string | undefined {
  return /datasource\s+\w+\s*\{([^}]*)\}/.exec(content)?.[1];
}

/** Prisma's default: `migrations/` next to schema.prisma. */
export function defaultMigrationsDir(schemaPath: string): string {
  return path.join(loadSchemaBaseDir(schemaPath), 'migrations');
}

function loadSchemaBaseDir(schemaPath: string): string {
  const absolute = path.resolve(schemaPath);
  return statSync(absolute).isDirectory() ? absolute : path.dirname(absolute);
}

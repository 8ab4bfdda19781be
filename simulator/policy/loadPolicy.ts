// Reads a policy file (YAML or JSON, validated by the one policy schema); its name defaults to the file's.

import path from 'node:path';
import { readConfigFile } from '../../common/config/configFile.ts';
import { policySchema, type PolicyDeclaration } from './policyRegistry.ts';

/** A validated policy declaration with its name resolved. */
export type NamedPolicy = PolicyDeclaration & { name: string };

/** Throws exit-2 errors naming the file, line and field. */
export function loadPolicyFile(file: string): NamedPolicy {
  const declaration = readConfigFile(file, policySchema, { what: 'policy' });
  return { ...declaration, name: declaration.name ?? path.basename(file, path.extname(file)) };
}

import { createHash } from 'node:crypto';

/** The stored form of a bearer token (session or API token): its SHA-256, never the token itself. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');

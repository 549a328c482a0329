import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, JWK, JWTPayload, KeyLike, SignJWT } from 'jose';

export interface SigningKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: KeyLike;
  jwk: JWK;
}

export async function createSigningKey(kid: string, alg: 'RS256' | 'ES256'): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

export interface TokenOptions {
  issuer: string;
  audience: string;
  subject?: string;
  /** Seconds since the epoch; default five minutes from now. */
  exp?: number;
  nbf?: number;
}

const nowS = () => Math.floor(Date.now() / 1000);

export function signToken(key: SigningKey, claims: JWTPayload, options: TokenOptions): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: key.alg, kid: key.kid })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setSubject(options.subject ?? 'zhang.wei')
    .setIssuedAt()
    .setNotBefore(options.nbf ?? nowS() - 5)
    .setExpirationTime(options.exp ?? nowS() + 300)
    .sign(key.privateKey);
}

/** An identity provider's JWKS served on 127.0.0.1, whose keys a test sets and rotates; counts its fetches. */
export class TestJwks {
  keys: JWK[] = [];
  fetches = 0;
  private readonly server: Server = createServer((_, response) => {
    this.fetches += 1;
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: this.keys }));
  });

  /** Listens on an ephemeral port; resolves to the JWKS URL. */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/.well-known/jwks.json`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

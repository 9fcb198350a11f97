// A real OpenID Connect provider (npm oidc-provider) on a free loopback port, for the sign-in tests only.
// Usage: node provider.mjs <redirect-uri> [<redirect-uri> ...]
// Prints one JSON line {"issuer": "http://127.0.0.1:PORT"} on stdout once it listens; stops when stdin closes.
// Accounts (any password): the login name is the account id; claims "roles" and "groups" as listed below.
import http from 'node:http';
import Provider from 'oidc-provider';

const redirectUris = process.argv.slice(2);
if (redirectUris.length === 0) {
  console.error('usage: node provider.mjs <redirect-uri> [...]');
  process.exit(2);
}

const accounts = {
  'ada.admin': { name: 'Ada Admin', roles: ['rag-admins'], groups: ['finance-readers', '2f1c1e0a-unmapped-group'] },
  'eve.employee': { name: 'Eve Employee', roles: ['rag-users'], groups: ['handbook-readers'] },
  'carl.compliance': { name: 'Carl Compliance', roles: ['rag-compliance', 'rag-users'], groups: ['handbook-readers'] },
  'nina.norole': { name: 'Nina Norole', roles: ['some-other-app'], groups: ['handbook-readers'] },
  'otto.overage': { name: 'Otto Overage', roles: ['rag-users'], groups: [], overage: true },
};

const configuration = {
  clients: [{
    client_id: 'rag-web',
    client_secret: 'rag-web-test-secret',
    redirect_uris: redirectUris,
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  scopes: ['openid', 'profile', 'rag'],
  claims: { openid: ['sub'], profile: ['name', 'preferred_username'], rag: ['roles', 'groups', '_claim_names', '_claim_sources'] },
  // The claims of the requested scopes go into the ID token (the app does not call the userinfo endpoint).
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['rag-test-provider-cookie-key'] },
  pkce: { required: () => true },
  async findAccount(ctx, id) {
    const account = accounts[id];
    if (!account) {
      return undefined;
    }

    return {
      accountId: id,
      async claims() {
        const claims = { sub: id, name: account.name, preferred_username: id, roles: account.roles, groups: account.groups };
        if (account.overage) {
          // What Entra ID sends for a user in too many groups: no groups, a pointer to where they could be read.
          delete claims.groups;
          claims._claim_names = { groups: 'src1' };
          claims._claim_sources = { src1: { endpoint: 'https://graph.microsoft.com/v1.0/users/' + id + '/getMemberObjects' } };
        }

        return claims;
      },
    };
  },
};

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, configuration);
  provider.proxy = false;
  server.on('request', provider.callback());
  process.stdout.write(JSON.stringify({ issuer }) + '\n');
});

process.stdin.resume();
process.stdin.on('end', () => server.close(() => process.exit(0)));

#!/usr/bin/env node
// Differential cases over resources whose names hold '/' and ':' (issue 11,
// RS-10): CloudWatch Logs log groups and streams (/aws/lambda/fn), IAM roles
// and users with paths (role/service-role/app/r), SSM parameters with paths
// (parameter/app/db/password). Complements the oracle's gen-fuzz.mjs, which
// draws few such names; written for this repository (no code of the oracle
// or its library).
//
//   node scripts/difftest-paths.mjs --seed S --n N > cases.jsonl
//
// Each line is a case of the oracle's input format (and planscan eval's JSON
// lines): identity policies of an IAM user or a role session of one account,
// sometimes a permissions boundary, and one request whose resource is of a
// type the action accepts. Deterministic: case i depends only on (seed, i).
// The policies use only what both engines read alike: Allow and Deny,
// Action and NotAction with wildcards, Resource and NotResource patterns,
// StringEquals / StringLike on aws:RequestedRegion and aws:PrincipalTag/team,
// ${aws:username} and ${aws:PrincipalTag/team} in the resource part.
// Role paths under /aws-reserved/ are left out: the oracle special-cases
// them (its README, "Excluded, and why"; with them, seed 7 gave 21 of
// 3,000 cases where the oracle denies iam:TagRole, UpdateRole and PassRole
// on role/aws-reserved/sso/admin that the policies allow or deny).
// Wildcards stay where the colon rules of RS-3 give one reading: a `*` or
// `?` in the resource part never stands where it could meet a ':' of the
// request (a request that has a ':' after a pattern's wildcard gets a
// pattern with a final '*' or none).

const args = process.argv.slice(2)
const arg = (name, def) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : def
}
const SEED = String(arg('seed', '1'))
const N = Number(arg('n', '1000'))

// mulberry32 over a string hash: small and deterministic.
function rngFor(seed, i) {
  let h = 2166136261
  for (const ch of `${seed}/${i}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619)
  let a = h >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    chance: (p) => next() < p,
  }
}

const A = '111122223333'
const REGIONS = ['us-east-1', 'eu-west-1']
const TEAMS = ['blue', 'green']
const USERS = ['alice', 'bob']

// Resource kinds: a request ARN maker and patterns that can cover it.
const KINDS = {
  logGroup: {
    actions: ['logs:DescribeLogStreams', 'logs:DeleteLogGroup', 'logs:PutRetentionPolicy'],
    arn: (r, ctx) => `arn:aws:logs:${ctx.region}:${A}:log-group:${r.pick(['/aws/lambda/fn-1', '/aws/lambda/fn-2', '/app/blue/api', '/app/green/api', 'plain-group', `/app/${ctx.team}/worker`])}`,
    patterns: (ctx) => [
      `arn:aws:logs:*:${A}:log-group:/aws/lambda/*`, `arn:aws:logs:${ctx.region}:${A}:log-group:/app/*`,
      `arn:aws:logs:*:${A}:log-group:/app/\${aws:PrincipalTag/team}/*`, `arn:aws:logs:*:*:log-group:*`,
      `arn:aws:logs:*:${A}:log-group:/aws/lambda/fn-1`, `arn:aws:logs:*:${A}:log-group:plain-*`,
      `arn:aws:logs:*:${A}:log-group:/app/blue/ap?`, `arn:aws:logs:us-east-1:${A}:*`,
    ],
  },
  logStream: {
    actions: ['logs:PutLogEvents', 'logs:GetLogEvents', 'logs:CreateLogStream'],
    arn: (r, ctx) => `arn:aws:logs:${ctx.region}:${A}:log-group:${r.pick(['/aws/lambda/fn-1', '/app/blue/api', `/app/${ctx.team}/worker`])}:log-stream:${r.pick(['2026/01/01/[$LATEST]abc', 'i-0abc/app.log', 's1'])}`,
    patterns: (ctx) => [
      `arn:aws:logs:*:${A}:log-group:/aws/lambda/*`, `arn:aws:logs:*:${A}:log-group:/app/*`,
      `arn:aws:logs:*:${A}:log-group:/app/\${aws:PrincipalTag/team}/*`, `arn:aws:logs:${ctx.region}:${A}:*`,
      `arn:aws:logs:*:*:log-group:*`, `arn:aws:logs:*:${A}:log-group:/aws/lambda/fn-1:log-stream:*`,
    ],
  },
  role: {
    actions: ['iam:GetRole', 'iam:PassRole', 'iam:UpdateRole', 'iam:TagRole'],
    arn: (r) => `arn:aws:iam::${A}:role/${r.pick(['app', 'service-role/app', 'service-role/app/worker', 'teams/blue/deploy', 'teams/green/deploy'])}`,
    patterns: () => [
      `arn:aws:iam::${A}:role/*`, `arn:aws:iam::${A}:role/service-role/*`, `arn:aws:iam::${A}:role/teams/\${aws:PrincipalTag/team}/*`,
      `arn:aws:iam::${A}:role/app`, `arn:aws:iam::*:role/teams/*`, `arn:aws:iam::${A}:role/service-role/app/*`,
      `arn:aws:iam::${A}:role/?pp`,
    ],
  },
  user: {
    actions: ['iam:GetUser', 'iam:CreateAccessKey', 'iam:ListAccessKeys', 'iam:ChangePassword'],
    arn: (r) => `arn:aws:iam::${A}:user/${r.pick(['alice', 'bob', 'division/alice', 'division/team/bob', 'ops/carol'])}`,
    patterns: () => [
      `arn:aws:iam::${A}:user/\${aws:username}`, `arn:aws:iam::${A}:user/*/\${aws:username}`, `arn:aws:iam::${A}:user/division/*`,
      `arn:aws:iam::${A}:user/*`, `arn:aws:iam::*:user/ops/*`, `arn:aws:iam::${A}:user/alice`,
    ],
  },
  parameter: {
    actions: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:PutParameter', 'ssm:DeleteParameter', 'ssm:GetParameterHistory'],
    arn: (r, ctx) => `arn:aws:ssm:${ctx.region}:${A}:parameter/${r.pick(['app/db/password', 'app/db/user', 'app/blue/key', 'app/green/key', 'shared', `app/${ctx.team}/token`])}`,
    patterns: (ctx) => [
      `arn:aws:ssm:*:${A}:parameter/app/*`, `arn:aws:ssm:${ctx.region}:${A}:parameter/app/db/*`,
      `arn:aws:ssm:*:${A}:parameter/app/\${aws:PrincipalTag/team}/*`, `arn:aws:ssm:*:*:parameter/*`,
      `arn:aws:ssm:*:${A}:parameter/shared`, `arn:aws:ssm:*:${A}:parameter/app/db/pass*`, `arn:aws:ssm:*:${A}:parameter/app/?lue/*`,
    ],
  },
}
const KIND_NAMES = Object.keys(KINDS)

function actionPatterns(r, kind) {
  const k = KINDS[kind]
  const svc = k.actions[0].split(':')[0]
  return r.pick([
    [r.pick(k.actions)],
    [r.pick(k.actions), r.pick(k.actions)],
    [`${svc}:*`],
    [`${svc}:Get*`],
    [`${svc}:*Log*`],
    [`${svc}:Put*`, `${svc}:Delete*`],
    ['*'],
  ])
}

function statement(r, ctx, kind, sid) {
  const st = { Sid: `S${sid}`, Effect: r.chance(0.7) ? 'Allow' : 'Deny' }
  const ownKind = r.chance(0.8) ? kind : r.pick(KIND_NAMES)
  st[r.chance(0.85) ? 'Action' : 'NotAction'] = actionPatterns(r, ownKind)
  // ${aws:username} is unset for role sessions (VA-5, an AMB-1 reading the
  // oracle does not share): such patterns only for IAM users.
  const pats = KINDS[ownKind].patterns(ctx).filter((p) => !ctx.session || !p.includes('${aws:username}'))
  const res = r.chance(0.15) ? ['*'] : [r.pick(pats), ...(r.chance(0.3) ? [r.pick(pats)] : [])]
  st[r.chance(0.85) ? 'Resource' : 'NotResource'] = res
  if (r.chance(0.3)) {
    st.Condition = r.chance(0.5)
      ? { StringEquals: { 'aws:RequestedRegion': r.chance(0.5) ? REGIONS : [r.pick(REGIONS)] } }
      : { StringLike: { 'aws:PrincipalTag/team': r.pick(['blue', 'gr*', '*']) } }
  }
  return st
}

for (let i = 0; i < N; i++) {
  const r = rngFor(SEED, i)
  const ctx = { region: r.pick(REGIONS), team: r.pick(TEAMS), session: false }
  const kind = r.pick(KIND_NAMES)
  const user = r.pick(USERS)
  const session = r.chance(0.5)
  ctx.session = session
  const principal = session ? `arn:aws:sts::${A}:assumed-role/app-role/${user}` : `arn:aws:iam::${A}:user/${user}`
  const resource = KINDS[kind].arn(r, ctx)
  const action = r.pick(KINDS[kind].actions)
  const policies = []
  for (let p = 0; p < r.int(1, 2); p++) {
    const stmts = []
    for (let s = 0; s < r.int(1, 4); s++) stmts.push(statement(r, ctx, kind, s))
    policies.push({ Version: '2012-10-17', Statement: stmts })
  }
  const context = {
    'aws:RequestedRegion': resource.split(':')[3] || 'us-east-1',
    'aws:PrincipalTag/team': ctx.team,
    'aws:PrincipalArn': session ? `arn:aws:iam::${A}:role/app-role` : principal,
    'aws:PrincipalAccount': A,
    'aws:PrincipalType': session ? 'AssumedRole' : 'User',
  }
  if (!session) context['aws:username'] = user
  const c = {
    id: `paths-${SEED}-${i}`,
    identityPolicies: policies,
    request: { principal, action, resource, resourceAccount: A, context },
    meta: { kind: `paths-${kind}`, seed: SEED, index: i },
  }
  if (r.chance(0.25)) c.permissionBoundaries = [{ Version: '2012-10-17', Statement: [statement(r, ctx, kind, 'B')] }]
  process.stdout.write(JSON.stringify(c) + '\n')
}

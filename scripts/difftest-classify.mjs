#!/usr/bin/env node
// Classifies the disagreements of one difftest comparison (scripts/difftest.sh):
//
//   node difftest-classify.mjs ORACLE.jsonl PLANSCAN.jsonl CASES.jsonl --doc=ORACLE-DISAGREEMENTS.md
//
// A disagreement is "known" when it belongs to a class listed below; every class must be
// documented in ORACLE-DISAGREEMENTS.md (its `known-class: ID` marker and the documentation
// sentence it rests on must both appear there), and each predicate looks at the case, both
// decisions and the engine's own reasons, so a new disagreement that only looks alike is not
// swallowed. Everything else must agree: the script prints
//
//   known disagreements: K (CLASS n, ...)
//   new disagreements: D
//   agreement outside the known classes: P% (A/N)
//
// and exits 1 when D > 0 (listing up to 10 of them), 2 on unreadable input. Cases where the
// oracle answers `error` (or anything outside allowed/explicitDeny/implicitDeny) are left out,
// as compare.mjs does. Uses node's standard library only.
import { readFileSync } from 'node:fs'

const NORMALIZE = {
  allowed: 'allowed',
  explicitdeny: 'explicitDeny',
  implicitdeny: 'implicitDeny',
  unknown: 'unknown',
  error: 'error',
  explicitlydenied: 'explicitDeny',
  implicitlydenied: 'implicitDeny',
  deny: 'implicitDeny'
}
const norm = (d) => (typeof d === 'string' ? NORMALIZE[d.toLowerCase()] ?? `other:${d}` : 'missing')
const ORACLE_ROWS = ['allowed', 'explicitDeny', 'implicitDeny']

// accountOf returns the 12-digit account of a principal ARN (or a bare account id).
function accountOf(p) {
  if (typeof p !== 'string') return ''
  if (/^\d{12}$/.test(p)) return p
  const f = p.split(':')
  return f.length >= 6 && /^\d{12}$/.test(f[4]) ? f[4] : ''
}
function resourceAccountOf(req) {
  if (typeof req.resourceAccount === 'string' && req.resourceAccount) return req.resourceAccount
  const f = String(req.resource ?? '').split(':')
  if (f.length >= 6 && /^\d{12}$/.test(f[4])) return f[4]
  return accountOf(req.principal)
}

// The known classes. `doc` is the documentation sentence the engine follows; it must appear
// verbatim in ORACLE-DISAGREEMENTS.md next to the class's marker.
const CLASSES = [
  {
    id: 'ev15-kms-cross-account',
    doc: 'Cross-account permission is effective only for the following operations',
    // EV-15: a principal of another account calls a KMS operation outside the cross-account
    // set; the oracle applies only the generic cross-account rule (EV-10) and answers allowed,
    // the engine answers implicitDeny, blocked by the resource side, with its EV-15 note.
    match(c, o, e) {
      const req = c?.request ?? {}
      const action = String(req.action ?? '')
      if (!action.toLowerCase().startsWith('kms:')) return false
      const pa = accountOf(req.principal)
      if (!pa || pa === resourceAccountOf(req)) return false
      if (o !== 'allowed' || e.decision !== 'implicitDeny') return false
      if (!(e.blockedBy ?? []).includes('resource')) return false
      return (e.notes ?? []).some((n) => n.startsWith('EV-15:') && n.includes('is not a KMS cross-account operation'))
    }
  }
]

function readJsonl(path) {
  const m = new Map()
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const t = line.trim()
    if (!t) continue
    const r = JSON.parse(t)
    if (r && r.id !== undefined && r.id !== null && !m.has(String(r.id))) m.set(String(r.id), r)
  }
  return m
}

function main() {
  const files = []
  let docPath = ''
  for (const a of process.argv.slice(2)) {
    if (a.startsWith('--doc=')) docPath = a.slice(6)
    else files.push(a)
  }
  if (files.length !== 3 || !docPath) {
    console.log('usage: node difftest-classify.mjs ORACLE.jsonl PLANSCAN.jsonl CASES.jsonl --doc=ORACLE-DISAGREEMENTS.md')
    return 2
  }
  let oracle, engine, cases, doc
  try {
    ;[oracle, engine, cases] = files.map(readJsonl)
    doc = readFileSync(docPath, 'utf8')
  } catch (e) {
    console.log(`difftest-classify: ${e.message}`)
    return 2
  }
  for (const k of CLASSES) {
    if (!doc.includes(`known-class: ${k.id}`) || !doc.includes(k.doc)) {
      console.log(`difftest-classify: class ${k.id} is not documented in ${docPath} (marker "known-class: ${k.id}" and the sentence "${k.doc}")`)
      return 2
    }
  }
  let compared = 0
  let agreed = 0
  const known = Object.fromEntries(CLASSES.map((k) => [k.id, 0]))
  const fresh = []
  for (const [id, or] of oracle) {
    const o = norm(or.decision ?? or.evalDecision)
    if (!ORACLE_ROWS.includes(o)) continue
    const e = engine.get(id) ?? { decision: 'missing' }
    const ed = norm(e.decision)
    if (ed === o) {
      compared++
      agreed++
      continue
    }
    const k = CLASSES.find((k) => k.match(cases.get(id), o, { ...e, decision: ed }))
    if (k) {
      known[k.id]++
      continue
    }
    compared++
    fresh.push({ id, o, ed })
  }
  const nKnown = Object.values(known).reduce((a, b) => a + b, 0)
  console.log(`known disagreements: ${nKnown}${nKnown ? ' (' + Object.entries(known).filter(([, n]) => n).map(([k, n]) => `${k} ${n}`).join(', ') + ')' : ''}`)
  console.log(`new disagreements: ${fresh.length}`)
  for (const d of fresh.slice(0, 10)) console.log(`  ${d.id}: oracle=${d.o} engine=${d.ed}`)
  const pct = compared ? ((100 * agreed) / compared).toFixed(2) : '0.00'
  console.log(`agreement outside the known classes: ${pct}% (${agreed}/${compared})`)
  return fresh.length ? 1 : 0
}

process.exitCode = main()

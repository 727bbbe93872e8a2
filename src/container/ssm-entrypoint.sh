#!/bin/sh
# ssm-entrypoint.sh - registers this ECS task as an SSM hybrid managed node that Cleanup can prove it owns, and runs
# the container's command. When the task stops, Cleanup removes the node and its activation (from the task's STOPPED
# event); with SSM_ENTRYPOINT_SELF_CLEAN=true the script also does so itself.
#
#   ENTRYPOINT ["/usr/local/bin/ssm-entrypoint.sh"]
#   CMD ["your-server", "--flag"]
#
# Steps: read the task's identity (ECS task metadata v4, or variables off ECS); create an activation tagged
# <prefix>:task-arn and <prefix>:cluster-arn, named <cluster-name>/<task-id>, limited to one registration and a
# short expiry; register amazon-ssm-agent with it; start the agent; run the command as a child and forward
# SIGTERM/SIGINT to it, then exit with the command's status.
# Self-clean is OPT-IN (SSM_ENTRYPOINT_SELF_CLEAN=true): on a stop signal, when the command ends, or when the
# registration failed, deregister the node and delete the activation (best effort, within
# SSM_ENTRYPOINT_STOP_BUDGET_SECONDS). It needs hybrid-role.yaml's SelfCleanPolicy, whose reach is every owned node
# of the account and every activation of the region (IAM cannot scope DeleteActivation), so by default the task
# role cannot do it and the script leaves both to Cleanup. SIGKILL cannot be trapped anyway: Cleanup is the one
# that removes what a task leaves behind.
#
# The activation code is a secret: it is never printed, not even under `sh -x` (tracing is switched off while it
# exists), it never enters the environment, and it is unset once the agent is registered.
#
# Variables (see README.md, "Registering containers"):
#   SSM_ENTRYPOINT_DISABLED            true = run the command directly, no SSM at all (default false)
#   SSM_ENTRYPOINT_IAM_ROLE            SSM hybrid service role NAME for the activation (required)
#   SSM_ENTRYPOINT_TAG_PREFIX          prefix of the ownership tags (default ssm-cleanup; Cleanup's TagPrefix)
#   SSM_ENTRYPOINT_EXPIRY_SECONDS      activation lifetime, 60..2592000 (default 3600)
#   SSM_ENTRYPOINT_REQUIRED            true = an SSM failure stops the container before the command runs
#                                      (default false: warn and run the command without SSM)
#   SSM_ENTRYPOINT_ATTEMPTS            attempts per SSM call at start, 1..10 (default 5)
#   SSM_ENTRYPOINT_SELF_CLEAN          true = deregister the node and delete the activation at stop (needs
#                                      SelfCleanPolicy); default false: leave them to Cleanup
#   SSM_ENTRYPOINT_STOP_BUDGET_SECONDS with SELF_CLEAN: seconds for deregistration and deletion at stop, 1..600
#                                      (default 15)
#   SSM_ENTRYPOINT_REGISTRATION_FILE   the agent's registration file (default /var/lib/amazon/ssm/registration)
#   SSM_ENTRYPOINT_TASK_ARN            off ECS only: the task ARN to claim
#   SSM_ENTRYPOINT_CLUSTER             off ECS only: cluster name or ARN (default: from a task/<cluster>/<id> ARN)
#   AWS_REGION, AWS_DEFAULT_REGION     SSM region (default: the task ARN's region)
#   AWS_ENDPOINT_URL_SSM, AWS_ENDPOINT_URL  endpoint override, passed as --endpoint-url (AWS CLI v1 and v2)
#
# Exit status: the command's; 2 for a configuration or image error (these always stop the container);
# 1 when SSM failed and SSM_ENTRYPOINT_REQUIRED=true.

set -u

log() { printf 'ssm-entrypoint: %s\n' "$*" >&2; }
config_error() {
  log "error: $*"
  exit 2
}
is_true() {
  case ${1:-} in
    [Tt][Rr][Uu][Ee] | 1 | [Yy][Ee][Ss]) return 0 ;;
    *) return 1 ;;
  esac
}
check_bool() {
  case $2 in
    [Tt][Rr][Uu][Ee] | [Ff][Aa][Ll][Ss][Ee] | 1 | 0 | [Yy][Ee][Ss] | [Nn][Oo]) ;;
    *) config_error "$1 must be true or false, not '$2'" ;;
  esac
}
check_int() { # name value min max
  case $2 in
    '' | *[!0-9]*) config_error "$1 must be a whole number from $3 to $4, not '$2'" ;;
  esac
  if [ "${#2}" -gt 7 ] || [ "$2" -lt "$3" ] || [ "$2" -gt "$4" ]; then
    config_error "$1 must be a whole number from $3 to $4, not '$2'"
  fi
}

# ---------------------------------------------------------------------------------------------------- settings

disabled=${SSM_ENTRYPOINT_DISABLED:-false}
check_bool SSM_ENTRYPOINT_DISABLED "$disabled"
if [ "$#" -eq 0 ]; then
  config_error "no command given: put the container's command after the script (Docker CMD, ECS 'command')"
fi
if is_true "$disabled"; then
  exec "$@"
fi

required=${SSM_ENTRYPOINT_REQUIRED:-false}
check_bool SSM_ENTRYPOINT_REQUIRED "$required"
self_clean=${SSM_ENTRYPOINT_SELF_CLEAN:-false}
check_bool SSM_ENTRYPOINT_SELF_CLEAN "$self_clean"
prefix=${SSM_ENTRYPOINT_TAG_PREFIX:-ssm-cleanup}
expiry=${SSM_ENTRYPOINT_EXPIRY_SECONDS:-3600}
attempts=${SSM_ENTRYPOINT_ATTEMPTS:-5}
stop_budget=${SSM_ENTRYPOINT_STOP_BUDGET_SECONDS:-15}
registration_file=${SSM_ENTRYPOINT_REGISTRATION_FILE:-/var/lib/amazon/ssm/registration}
role=${SSM_ENTRYPOINT_IAM_ROLE:-}
endpoint=${AWS_ENDPOINT_URL_SSM:-${AWS_ENDPOINT_URL:-}}

check_int SSM_ENTRYPOINT_EXPIRY_SECONDS "$expiry" 60 2592000
check_int SSM_ENTRYPOINT_ATTEMPTS "$attempts" 1 10
check_int SSM_ENTRYPOINT_STOP_BUDGET_SECONDS "$stop_budget" 1 600
# The prefix goes into tag keys and, on the IAM side, into condition keys: the same rule as Cleanup's TagPrefix.
case $prefix in
  '' | *[!A-Za-z0-9_.:/=+@-]* | [Aa][Ww][Ss]:*)
    config_error "SSM_ENTRYPOINT_TAG_PREFIX must be 1-100 of A-Z a-z 0-9 _ . : / = + @ - and not start with aws:" ;;
esac
[ "${#prefix}" -le 100 ] || config_error "SSM_ENTRYPOINT_TAG_PREFIX is longer than 100 characters"
case $role in
  '') config_error "SSM_ENTRYPOINT_IAM_ROLE is not set: name the SSM hybrid service role for the activation (or set SSM_ENTRYPOINT_DISABLED=true)" ;;
  *[!A-Za-z0-9+=,.@_/-]*) config_error "SSM_ENTRYPOINT_IAM_ROLE must be an IAM role name, not '$role'" ;;
esac
command -v aws >/dev/null 2>&1 || config_error "the AWS CLI ('aws') is not on PATH; install it in the image"
command -v amazon-ssm-agent >/dev/null 2>&1 || config_error "amazon-ssm-agent is not on PATH; install it in the image"

tab=$(printf '\t')
umask 077
work=$(mktemp -d 2>/dev/null) || config_error "cannot create a temporary directory"
errors="$work/aws-stderr"

# ---------------------------------------------------------------------------------------------------- state

activation_id=''
instance_id=''
stale_id=''
agent_pid=''
child=''
ssm_ok=false

# ---------------------------------------------------------------------------------------------------- helpers

now() { date +%s; }

# A random whole number in 0..$1, for backoff jitter (agents of a service starting together throttle SSM).
jitter() {
  r=$(od -An -N2 -tu2 /dev/urandom 2>/dev/null | tr -dc '0-9')
  echo $(( ${r:-0} % ($1 + 1) ))
}

http_get() {
  if command -v curl >/dev/null 2>&1; then
    curl -fsS --max-time 5 "$1"
  else
    wget -q -T 5 -O - "$1"
  fi
}

# The string value of a top-level "key" in a small JSON document (task metadata, registration file). Values we
# read are ARNs, names and ids: no quotes or escapes inside.
json_string() {
  printf '%s' "$1" | tr -d '\n\r' | sed -n "s/.*\"$2\"[[:space:]]*:[[:space:]]*\"\\([^\"]*\\)\".*/\\1/p"
}

# The AWS error code in AWS CLI error output ("An error occurred (Code) when calling ..."), if any.
error_code() { sed -n 's/.*An error occurred (\([A-Za-z0-9_.]*\)).*/\1/p' "$errors" | tail -n 1; }
error_line() { grep -v '^[[:space:]]*$' "$errors" | tail -n 1 | cut -c 1-300; }

# ssm_call DEADLINE OPERATION ARGS... - one SSM call through the AWS CLI with retries and backoff. Stdout is the
# CLI's output; our messages go to stderr. DEADLINE (epoch seconds, 0 = none) bounds the whole thing, including
# each attempt's connect and read timeouts. The CLI's own retries are off (AWS_MAX_ATTEMPTS=1) so that this loop
# alone decides. Returns 0 on success, 3 when the error means "already gone", 1 otherwise.
ssm_call() {
  deadline=$1
  operation=$2
  shift 2
  attempt=1
  delay=1
  while :; do
    connect=5
    read_timeout=15
    if [ "$deadline" -gt 0 ]; then
      left=$((deadline - $(now)))
      if [ "$left" -lt 1 ]; then
        log "$operation: out of time"
        return 1
      fi
      [ "$left" -lt "$connect" ] && connect=$left
      [ "$left" -lt "$read_timeout" ] && read_timeout=$left
    fi
    if [ -n "$endpoint" ]; then
      AWS_MAX_ATTEMPTS=1 AWS_PAGER='' aws ssm "$operation" "$@" --region "$region" --endpoint-url "$endpoint" \
        --cli-connect-timeout "$connect" --cli-read-timeout "$read_timeout" 2>"$errors" && return 0
    else
      AWS_MAX_ATTEMPTS=1 AWS_PAGER='' aws ssm "$operation" "$@" --region "$region" \
        --cli-connect-timeout "$connect" --cli-read-timeout "$read_timeout" 2>"$errors" && return 0
    fi

    err_code=$(error_code)
    case $err_code in
      InvalidInstanceId | InvalidActivation | InvalidActivationId)
        if [ "$operation" != create-activation ]; then
          log "$operation: already gone ($err_code)"
          return 3
        fi
        retry=false ;;
      ThrottlingException | Throttling | TooManyUpdates | InternalServerError | InternalFailure | ServiceUnavailable | \
        ServiceUnavailableException | RequestLimitExceeded | RequestTimeout | RequestTimeoutException | \
        RequestExpired | IDPCommunicationError | ExpiredToken | ExpiredTokenException) retry=true ;;
      '')
        # No AWS error code: a network problem is worth retrying, a usage or validation error is not.
        if grep -qi -e 'usage:' -e 'parameter validation' -e 'unknown options' -e 'invalid choice' "$errors"; then
          retry=false
        else
          retry=true
        fi ;;
      *) retry=false ;;
    esac
    if [ "$retry" = false ] || [ "$attempt" -ge "$attempts" ]; then
      log "$operation failed after $attempt attempt(s): $(error_line)"
      return 1
    fi
    wait_for=$((delay + $(jitter 1)))
    if [ "$deadline" -gt 0 ] && [ $(($(now) + wait_for)) -ge "$deadline" ]; then
      log "$operation failed, no time left to retry: $(error_line)"
      return 1
    fi
    log "$operation: $(error_line); retrying in ${wait_for}s (attempt $attempt of $attempts)"
    sleep "$wait_for"
    attempt=$((attempt + 1))
    [ "$delay" -lt 8 ] && delay=$((delay * 2))
  done
}

# Replaces every occurrence of the secret in stdin by ***, without regular expressions (codes contain / and +).
redact() {
  REDACT_TEXT=$1 awk '{
    s = ENVIRON["REDACT_TEXT"]
    if (s != "") { while ((i = index($0, s)) > 0) $0 = substr($0, 1, i - 1) "***" substr($0, i + length(s)) }
    print
  }'
}

# The node id the agent wrote at registration. An id that was already in the file before this container
# registered (baked into the image, or a previous run) is not ours to deregister.
read_instance_id() {
  [ -r "$registration_file" ] || return 1
  id=$(json_string "$(cat "$registration_file")" ManagedInstanceID)
  case $id in
    mi-*) ;;
    *) return 1 ;;
  esac
  [ "$id" != "$stale_id" ] || return 1
  instance_id=$id
}

# ---------------------------------------------------------------------------------------------------- identity

read_identity() {
  if [ -n "${ECS_CONTAINER_METADATA_URI_V4:-}" ]; then
    command -v curl >/dev/null 2>&1 || command -v wget >/dev/null 2>&1 ||
      config_error "neither curl nor wget is on PATH; one is needed to read the task metadata"
    metadata=''
    for try in 1 2 3; do
      if metadata=$(http_get "$ECS_CONTAINER_METADATA_URI_V4/task" 2>"$errors"); then
        break
      fi
      metadata=''
      [ "$try" -lt 3 ] && sleep 1
    done
    if [ -z "$metadata" ]; then
      log "cannot read the task metadata at \$ECS_CONTAINER_METADATA_URI_V4/task: $(error_line)"
      return 1
    fi
    task_arn=$(json_string "$metadata" TaskARN)
    cluster=$(json_string "$metadata" Cluster)
    source="task metadata"
  elif [ -n "${SSM_ENTRYPOINT_TASK_ARN:-}" ]; then
    task_arn=$SSM_ENTRYPOINT_TASK_ARN
    cluster=${SSM_ENTRYPOINT_CLUSTER:-}
    source="SSM_ENTRYPOINT_TASK_ARN"
  else
    config_error "no task identity: ECS_CONTAINER_METADATA_URI_V4 is not set (not on ECS?) and SSM_ENTRYPOINT_TASK_ARN is not set. Off ECS, set SSM_ENTRYPOINT_TASK_ARN (and SSM_ENTRYPOINT_CLUSTER for a task/<id> ARN), or SSM_ENTRYPOINT_DISABLED=true to run without SSM."
  fi

  # arn:<partition>:ecs:<region>:<account>:task/[<cluster>/]<id>
  case $task_arn in
    *[!A-Za-z0-9:/_.-]* | '') config_error "task ARN from $source is missing or malformed: '$task_arn'" ;;
    arn:*:ecs:*:*:task/*) ;;
    *) config_error "task ARN from $source is not an ECS task ARN: '$task_arn'" ;;
  esac
  rest=${task_arn#arn:}
  partition=${rest%%:*}
  rest=${rest#*:}
  rest=${rest#*:}
  arn_region=${rest%%:*}
  rest=${rest#*:}
  account=${rest%%:*}
  resource=${rest#*:}
  task_id=${resource##*/}
  path=${resource#task/}
  arn_cluster=''
  [ "$path" != "$task_id" ] && arn_cluster=${path%/*}
  case $task_id in
    '' | *[!A-Za-z0-9_-]*) config_error "task ARN from $source has no valid task id: '$task_arn'" ;;
  esac
  [ -n "$cluster" ] || cluster=$arn_cluster
  case $cluster in
    '') config_error "no cluster for task $task_arn: set SSM_ENTRYPOINT_CLUSTER (a task/<id> ARN does not name it)" ;;
    arn:*)
      case $cluster in
        arn:*:ecs:*:*:cluster/*) cluster_arn=$cluster ;;
        *) config_error "cluster from $source is not an ECS cluster ARN: '$cluster'" ;;
      esac ;;
    # On the EC2 launch type the metadata's Cluster can be a bare name: the ARN is built from the task ARN's
    # partition, region and account, which is how ECS names it.
    *) cluster_arn="arn:$partition:ecs:$arn_region:$account:cluster/$cluster" ;;
  esac
  cluster_name=${cluster_arn##*/}
  case $cluster_arn in
    *[!A-Za-z0-9:/_.-]*) config_error "cluster ARN is malformed: '$cluster_arn'" ;;
  esac
  case $cluster_name in
    '' | *[!A-Za-z0-9_-]*) config_error "cluster name is malformed: '$cluster_name'" ;;
  esac
  if [ -n "$arn_cluster" ] && [ "$arn_cluster" != "$cluster_name" ]; then
    config_error "the task ARN names cluster '$arn_cluster' but the cluster is '$cluster_name'"
  fi

  region=${AWS_REGION:-${AWS_DEFAULT_REGION:-$arn_region}}
  if [ "$region" != "$arn_region" ]; then
    log "warning: registering in $region, but the task runs in $arn_region (Cleanup in $arn_region will not see this node)"
  fi
  return 0
}

# ---------------------------------------------------------------------------------------------------- register

# Creates the activation and registers the agent. Tracing is off throughout: the code lives in this function only.
register() {
  case $- in
    *x*) trace=true; set +x ;;
    *) trace=false ;;
  esac
  register_untraced
  result=$?
  [ "$trace" = true ] && set -x
  return "$result"
}

register_untraced() {
  name="$cluster_name/$task_id"
  expires=$(($(now) + expiry))
  tags="[{\"Key\":\"$prefix:task-arn\",\"Value\":\"$task_arn\"},{\"Key\":\"$prefix:cluster-arn\",\"Value\":\"$cluster_arn\"}]"
  # Only the two fields we need, as text: the output never reaches a terminal or a log.
  if ! out=$(ssm_call "$((start_time + 120))" create-activation \
    --iam-role "$role" --registration-limit 1 --default-instance-name "$name" \
    --expiration-date "$expires" --tags "$tags" \
    --query '[ActivationId,ActivationCode]' --output text); then
    return 1
  fi
  activation_id=${out%%"$tab"*}
  activation_code=${out#*"$tab"}
  out=''
  case $activation_id in
    *[!0-9a-f-]* | '') activation_id=''; activation_code=''; log "create-activation returned an unexpected answer"; return 1 ;;
  esac
  case $activation_code in
    '' | *[[:space:]]*) activation_code=''; log "create-activation returned no usable activation code"; return 1 ;;
  esac
  log "activation $activation_id created for $task_arn (name $name, 1 registration, expires in ${expiry}s)"

  if read_instance_id; then
    stale_id=$instance_id
    instance_id=''
  fi
  # -y: overwrite any registration baked into the image instead of asking.
  if agent_out=$(amazon-ssm-agent -register -code "$activation_code" -id "$activation_id" -region "$region" -y 2>&1); then
    agent_status=0
  else
    agent_status=$?
  fi
  if [ "$agent_status" -ne 0 ]; then
    log "amazon-ssm-agent -register failed (exit $agent_status):"
    printf '%s\n' "$agent_out" | redact "$activation_code" | tail -n 5 | sed 's/^/  /' >&2
  fi
  activation_code=''
  unset activation_code
  agent_out=''
  [ "$agent_status" -eq 0 ] || return 1

  if read_instance_id; then
    log "registered as managed node $instance_id"
  else
    log "warning: registered, but $registration_file names no node (Cleanup removes it when the task stops)"
  fi
  return 0
}

# ---------------------------------------------------------------------------------------------------- cleanup

# With SSM_ENTRYPOINT_SELF_CLEAN=true: deregisters the node and deletes the activation, best effort, within the stop
# budget. Without it (the default) the task role has no right to, and Cleanup removes both from the task's STOPPED
# event.
leave_ssm() {
  # Nothing was created: nothing to remove (a registration file alone proves nothing).
  [ -n "$activation_id$instance_id" ] || return 0
  if ! is_true "$self_clean"; then
    [ -n "$instance_id" ] || read_instance_id || :
    log "leaving ${instance_id:+node $instance_id and }activation ${activation_id:-?} to Cleanup (SSM_ENTRYPOINT_SELF_CLEAN is off)"
    instance_id=''
    activation_id=''
    return 0
  fi
  # A stop during `amazon-ssm-agent -register` runs this before the id was read.
  [ -n "$instance_id" ] || read_instance_id || :
  deadline=$(($(now) + stop_budget))
  if [ -n "$instance_id" ]; then
    if ssm_call "$deadline" deregister-managed-instance --instance-id "$instance_id" >/dev/null; then
      log "deregistered $instance_id"
    fi
    instance_id=''
  fi
  if [ -n "$activation_id" ]; then
    if ssm_call "$deadline" delete-activation --activation-id "$activation_id" >/dev/null; then
      log "deleted activation $activation_id"
    fi
    activation_id=''
  fi
  return 0
}

# Is the process running (not gone, not a zombie waiting to be reaped)?
running() {
  state=$(sed -n 's/^State:[[:space:]]*\(.\).*/\1/p' "/proc/$1/status" 2>/dev/null)
  [ -n "$state" ] && [ "$state" != Z ]
}

stop_agent() {
  if [ -n "$agent_pid" ]; then
    kill -s TERM "$agent_pid" 2>/dev/null
    # A TERM that lands while the shell is still starting the agent can be lost, and an agent left behind keeps the
    # container's output open: ask again for a few seconds, then make sure.
    tries=0
    while running "$agent_pid" && [ "$tries" -lt 3 ]; do
      sleep 1
      kill -s TERM "$agent_pid" 2>/dev/null
      tries=$((tries + 1))
    done
    kill -s KILL "$agent_pid" 2>/dev/null || :
    agent_pid=''
  fi
}

finish() {
  stop_agent
  rm -rf "$work"
  exit "$1"
}

# shellcheck disable=SC2317 # reached from the traps below
signal_number() {
  case $1 in
    INT) echo 2 ;;
    *) echo 15 ;;
  esac
}

# Does the process ignore this signal? A POSIX shell starts background commands with SIGINT ignored, and dash
# cannot undo that, so a forwarded SIGINT would be lost on some programs: they get SIGTERM instead.
# shellcheck disable=SC2317 # reached from the traps below
ignores() {
  mask=$(sed -n 's/^SigIgn:[[:space:]]*//p' "/proc/$1/status" 2>/dev/null)
  [ -n "$mask" ] || return 1
  bit=$(($(signal_number "$2") - 1))
  digit=$(printf '%s' "$mask" | cut -c $((${#mask} - bit / 4)))
  [ $((0x$digit >> (bit % 4) & 1)) -eq 1 ]
}

# shellcheck disable=SC2317 # reached from the traps below
forward() {
  [ -n "$child" ] || return 0
  sig=$1
  if [ "$sig" = INT ] && ignores "$child" INT; then
    log "the command ignores SIGINT; sending SIGTERM"
    sig=TERM
  fi
  kill -s "$sig" "$child" 2>/dev/null || :
}

# shellcheck disable=SC2317 # reached from the traps below
on_stop() {
  # A second signal while leaving only goes to the command.
  trap 'forward TERM' TERM
  trap 'forward INT' INT
  log "SIG$1 received: stopping the command"
  # The command starts its own shutdown at once, in parallel with the SSM calls, so that it keeps as much of
  # the task's stop timeout as possible.
  forward "$1"
  leave_ssm
  stop_agent
  if [ -n "$child" ]; then
    # wait also returns when a (forwarded) signal interrupts it: wait again until the command is gone.
    while :; do
      wait "$child"
      status=$?
      kill -0 "$child" 2>/dev/null || break
    done
  else
    status=$((128 + $(signal_number "$1")))
  fi
  finish "$status"
}

# ---------------------------------------------------------------------------------------------------- main

# A stop during registration still removes what was created so far (with SSM_ENTRYPOINT_SELF_CLEAN=true).
trap 'on_stop TERM' TERM
trap 'on_stop INT' INT
start_time=$(now)

if read_identity && register; then
  ssm_ok=true
else
  leave_ssm
  if is_true "$required"; then
    log "SSM registration failed and SSM_ENTRYPOINT_REQUIRED=true: not starting the command"
    finish 1
  fi
  log "SSM registration failed: starting the command without a Session Manager shell"
fi

if [ "$ssm_ok" = true ]; then
  amazon-ssm-agent &
  agent_pid=$!
fi

# The command gets the container's stdin (an asynchronous command would get /dev/null) and, where the shell
# allows it, default SIGINT/SIGQUIT handling.
if { command exec 3<&0; } 2>/dev/null; then
  (
    trap - INT QUIT
    exec "$@" <&3 3<&-
  ) &
  child=$!
  exec 3<&-
else
  (
    trap - INT QUIT
    exec "$@"
  ) &
  child=$!
fi

wait "$child"
status=$?
# The command ended on its own (a stop signal never returns here: on_stop exits).
leave_ssm
finish "$status"

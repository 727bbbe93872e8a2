namespace Cleanup.Emulator;

/// <summary>
/// Makes the emulator misbehave the way AWS does under load, so retry and backoff paths get exercised.
/// Operation names are the X-Amz-Target suffix (e.g. "DescribeInstanceInformation"); "*" matches every operation.
/// </summary>
public sealed class FaultInjector
{
    private const string AnyOperation = "*";

    private readonly Lock _gate = new();
    private readonly List<ThrottleRule> _throttles = [];
    private readonly List<FailRule> _failures = [];
    private readonly List<(string Operation, TimeSpan Delay)> _latencies = [];
    private readonly List<ResourceRule> _resources = [];

    /// <summary>Every <paramref name="nth"/> matching call (1 = all of them) is answered 400 ThrottlingException.</summary>
    public void ThrottleEvery(string operation, int nth)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentOutOfRangeException.ThrowIfLessThan(nth, 1);
        lock (_gate)
        {
            _throttles.Add(new ThrottleRule(operation, nth));
        }
    }

    /// <summary>The next <paramref name="times"/> matching calls fail with the given status and error code.</summary>
    public void FailNext(string operation, int times, int statusCode = 500, string code = "InternalServerError")
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(code);
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        lock (_gate)
        {
            _failures.Add(new FailRule(operation, times, statusCode, code));
        }
    }

    /// <summary>
    /// Every matching call whose request names <paramref name="cluster"/> (by name or ARN, in its "cluster" field) fails
    /// with the given error until <see cref="Clear"/>: one cluster denied by IAM or deleted, while the others answer.
    /// </summary>
    public void FailForCluster(string operation, string cluster, string code = "AccessDeniedException", int statusCode = 400) =>
        FailFor(operation, "cluster", ClusterName(cluster), code, statusCode);

    /// <summary>
    /// Every matching call whose request's string <paramref name="field"/> equals <paramref name="value"/> (e.g.
    /// ListTagsForResource's ResourceId) fails with the given error until <see cref="Clear"/>: one resource a policy denies.
    /// </summary>
    public void FailFor(string operation, string field, string value, string code = "AccessDeniedException", int statusCode = 400)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(code);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        lock (_gate)
        {
            _resources.Add(new ResourceRule(operation, field, value, code, statusCode));
        }
    }

    /// <summary>Delays every matching call (real time, not the emulator clock: it is about client timeouts).</summary>
    public void AddLatency(string operation, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        lock (_gate)
        {
            _latencies.Add((operation, delay));
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _throttles.Clear();
            _failures.Clear();
            _latencies.Clear();
            _resources.Clear();
        }
    }

    /// <summary>The error a call gets from <see cref="FailFor"/> for what its request names, if any.</summary>
    internal AwsErrorException? EvaluateRequest(string operation, string action, Func<string, string?> field)
    {
        lock (_gate)
        {
            foreach (var rule in _resources.Where(r => Matches(r.Operation, operation)))
            {
                var value = field(rule.Field);
                if (value is not null && (rule.Field == "cluster" ? ClusterName(value) : value) == rule.Value)
                {
                    return new AwsErrorException(rule.Code, Message(rule.Code, action, rule.Value), rule.StatusCode);
                }
            }

            return null;
        }
    }

    private static string ClusterName(string cluster) => cluster[(cluster.LastIndexOf('/') + 1)..];

    // The wording AWS uses for an IAM denial, so a client's message handling meets what it will meet in AWS.
    // The action is the IAM name (ssm:ListTagsForResource) AWS quotes, so a client can say which permission is missing.
    private static string Message(string code, string action, string resource) => code switch
    {
        _ when code.StartsWith("AccessDenied", StringComparison.Ordinal) => $"User: arn:aws:sts::000000000000:assumed-role/cleanup/emulator is not authorized to perform: {action} on resource: {resource} because no identity-based policy allows the {action} action",
        "ClusterNotFoundException" => "Cluster not found.",
        _ => "Injected fault",
    };

    /// <summary>Decides the fate of one call; counters advance even when another rule wins.</summary>
    internal (TimeSpan Latency, AwsErrorException? Error) Evaluate(string operation, string action)
    {
        lock (_gate)
        {
            var latency = TimeSpan.Zero;
            foreach (var (op, delay) in _latencies)
            {
                if (Matches(op, operation))
                {
                    latency += delay;
                }
            }

            AwsErrorException? error = null;
            foreach (var rule in _throttles.Where(r => Matches(r.Operation, operation)))
            {
                rule.Seen++;
                if (rule.Seen % rule.Nth == 0)
                {
                    error ??= new AwsErrorException("ThrottlingException", "Rate exceeded");
                }
            }

            var failure = _failures.FirstOrDefault(r => Matches(r.Operation, operation));
            if (failure is not null)
            {
                if (--failure.Remaining == 0)
                {
                    _failures.Remove(failure);
                }

                // An explicit failure is more specific than background throttling, so it wins.
                // A denial in AWS's words, still marked as injected so a test can tell it met this fault.
                error = new AwsErrorException(
                    failure.Code,
                    failure.Code.StartsWith("AccessDenied", StringComparison.Ordinal) ? $"{Message(failure.Code, action, "*")} (Injected fault)" : "Injected fault",
                    failure.StatusCode);
            }

            return (latency, error);
        }
    }

    private static bool Matches(string rule, string operation) => rule == AnyOperation || rule == operation;

    private sealed class ThrottleRule(string operation, int nth)
    {
        public string Operation { get; } = operation;

        public int Nth { get; } = nth;

        public long Seen { get; set; }
    }

    private sealed record ResourceRule(string Operation, string Field, string Value, string Code, int StatusCode);

    private sealed class FailRule(string operation, int remaining, int statusCode, string code)
    {
        public string Operation { get; } = operation;

        public int Remaining { get; set; } = remaining;

        public int StatusCode { get; } = statusCode;

        public string Code { get; } = code;
    }
}

namespace Cleanup.Emulator;

/// <summary>Every request the emulator answered, in arrival order, for assertions on call counts and retries.</summary>
public sealed class CallLog
{
    /// <summary>The error code AWS SDKs treat as a throttle and retry with backoff.</summary>
    internal const string Throttling = "ThrottlingException";

    private readonly Lock _gate = new();
    private readonly List<RecordedCall> _calls = [];

    /// <summary>Requests received for <paramref name="operation"/>, including refused and fault-injected ones.</summary>
    public int Count(string operation)
    {
        lock (_gate)
        {
            return _calls.Count(c => c.Operation == operation);
        }
    }

    /// <summary>Requests for <paramref name="operation"/> answered with HTTP 200.</summary>
    public int Succeeded(string operation)
    {
        lock (_gate)
        {
            return _calls.Count(c => c.Operation == operation && c.StatusCode == 200);
        }
    }

    /// <summary>Counts per operation and overall, e.g. to see how hard a run leaned on a quota.</summary>
    public CallSummary Summary()
    {
        var total = CallCounts.None;
        var operations = new SortedDictionary<string, CallCounts>(StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var call in _calls)
            {
                total = total.Add(call);
                operations[call.Operation] = operations.GetValueOrDefault(call.Operation, CallCounts.None).Add(call);
            }
        }

        return new CallSummary(total, operations);
    }

    public IReadOnlyList<RecordedCall> All()
    {
        lock (_gate)
        {
            return [.. _calls];
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _calls.Clear();
        }
    }

    internal void Record(RecordedCall call)
    {
        lock (_gate)
        {
            _calls.Add(call);
        }
    }
}
